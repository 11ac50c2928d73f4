/**
 * A unified diff of one file (what `git apply` and `patch -p1` read), for `lint --fix --dry-run
 * --format diff`: the fixes as a change to review. Lines are compared whole (a CRLF line keeps its
 * `\r`); a file without a final newline says so, as git does.
 */

/** Past this many line pairs the table is not built: the whole file becomes one hunk. */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** `created`: the file does not exist yet (`--- /dev/null`, as git writes a new file). */
export function unifiedDiff(path: string, before: string, after: string, { context = 3, created = false } = {}): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  let out = `--- ${created ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`;
  for (const hunk of hunks(ops, context)) {
    out += `@@ -${range(hunk.aStart, hunk.aCount)} +${range(hunk.bStart, hunk.bCount)} @@\n`;
    for (const op of hunk.ops) {
      const newline = op.line.endsWith('\n');
      out += `${op.kind}${op.line}${newline ? '' : '\n\\ No newline at end of file\n'}`;
    }
  }
  return out;
}

/** Lines with their `\n` kept, so a last line without one is told apart. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** The longest common subsequence of lines, as keep/remove/add operations in order. */
function diffLines(a: string[], b: string[]): Op[] {
  // Common head and tail first: a fix changes a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  if (midA.length * midB.length > MAX_CELLS) {
    ops.push(...midA.map((line) => ({ kind: '-' as const, line })), ...midB.map((line) => ({ kind: '+' as const, line })));
  } else {
    // lengths[i][j]: the LCS of midA[i..] and midB[j..].
    const lengths = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) lengths[i][j] = midA[i] === midB[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
    // Walk the table; where both ways keep the LCS, the removal goes first, as git writes it.
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        ops.push({ kind: ' ', line: midA[i++] });
        j++;
      } else if (i < midA.length && (j === midB.length || lengths[i + 1][j] >= lengths[i][j + 1])) ops.push({ kind: '-', line: midA[i++] });
      else ops.push({ kind: '+', line: midB[j++] });
    }
  }
  ops.push(...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}

interface Hunk {
  aStart: number;
  aCount: number;
  bStart: number;
  bCount: number;
  ops: Op[];
}

/** Changes with `context` unchanged lines around them; changes closer than twice that share a hunk. */
function hunks(ops: Op[], context: number): Hunk[] {
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const result: Hunk[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - end <= 2 * context) end = changed[++k];
    k++;
    const last = Math.min(ops.length - 1, end + context);
    const before = ops.slice(0, start);
    const slice = ops.slice(start, last + 1);
    const aStart = before.filter((op) => op.kind !== '+').length + 1;
    const bStart = before.filter((op) => op.kind !== '-').length + 1;
    result.push({ aStart, aCount: slice.filter((op) => op.kind !== '+').length, bStart, bCount: slice.filter((op) => op.kind !== '-').length, ops: slice });
  }
  return result;
}

/** `start,count`, with git's convention for an empty side (the line before it, count 0). */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
