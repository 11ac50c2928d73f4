/**
 * No fix leaves a RUN less parseable than it was: for every fix or suggestion whose edits touch
 * a RUN instruction, the lines of those RUNs are cut out, the fix's edits applied to them, and
 * the piece parsed again on its own; the fix is withheld when more of its RUN scripts have
 * shell syntax errors than before. Rules check their own edits; this is the net under all of
 * them, so a new rule cannot ship a `; &&`. Only the touched lines are re-read, so the cost
 * grows with the size of the fixes, not with the file times the number of fixes.
 */
import type { ParseCache } from '../dockerfile/chunkedParse';
import { buildModel, type DockerfileModel } from '../dockerfile/model';
import { runScripts } from '../dockerfile/runScripts';
import { applyEdits, comparePositions, SourceText } from '../sourceText';
import type { Finding, Fix, Range, TextEdit } from '../types';

interface CheckedRun {
  range: Range;
  hasErrors: boolean;
  /** A heredoc body may lie outside the instruction's range: such fixes are judged on the whole file. */
  heredoc: boolean;
}

export function withholdShellBreakingFixes(model: DockerfileModel, findings: Finding[], parseCache?: ParseCache): Finding[] {
  if (!findings.some((f) => f.fix || f.suggestions)) return findings;
  const runs: CheckedRun[] = model.stages.flatMap((stage) =>
    runScripts(model, stage)
      .filter((run) => run.script)
      .map((run) => ({ range: run.instruction.getRange(), hasErrors: run.script!.hasErrors, heredoc: run.body.heredocs.length > 0 })),
  );
  if (runs.length === 0) return findings;
  // Verdicts by the re-read text: a file of many alike RUNs re-parses each distinct piece once.
  const verdicts = new Map<string, boolean>();
  // Re-reading is bounded by a few times the file's size (many fixes on one huge RUN would
  // otherwise re-parse it once each); past that, unchecked fixes touching a RUN are withheld.
  const budget = { bytes: 4 * model.source.text.length + 65_536 };
  let lines: string[] | null = null;
  const keeps = (fix: Fix): boolean => {
    const touched = touchedRuns(runs, fix.edits);
    if (touched.length === 0) return true;
    lines ??= model.source.text.split(/\r?\n/);
    return stillParses(model, lines, runs, touched, fix.edits, verdicts, budget, parseCache);
  };
  return findings.map((finding) => {
    const fix = finding.fix && keeps(finding.fix) ? finding.fix : undefined;
    const suggestions = finding.suggestions?.filter(keeps);
    if (fix === finding.fix && suggestions?.length === finding.suggestions?.length) return finding;
    const { fix: _fix, suggestions: _suggestions, ...rest } = finding;
    return { ...rest, ...(fix ? { fix } : {}), ...(suggestions?.length ? { suggestions } : {}) };
  });
}

function stillParses(
  model: DockerfileModel,
  lines: readonly string[],
  runs: readonly CheckedRun[],
  touched: CheckedRun[],
  edits: readonly TextEdit[],
  verdicts: Map<string, boolean>,
  budget: { bytes: number },
  parseCache?: ParseCache,
): boolean {
  // The piece: every line a touched RUN or an edit is on (a secret-mount fix also deletes an
  // ARG above). A heredoc body may lie outside its instruction's range: the whole file then.
  const whole = touched.some((run) => run.heredoc) || edits.some((edit) => /\nFROM\s/i.test(edit.newText));
  const firstLine = whole ? 0 : Math.min(...touched.map((run) => run.range.start.line), ...edits.map((edit) => edit.range.start.line));
  const lastLine = whole ? lines.length - 1 : Math.max(...touched.map((run) => run.range.end.line), ...edits.map((edit) => edit.range.end.line));
  const source = model.source;
  const piece = whole ? source.text : lines.slice(firstLine, lastLine + 1).join(source.eol);
  budget.bytes -= piece.length;
  if (budget.bytes < 0) return false;
  const moved = edits.map((edit) => ({
    newText: edit.newText,
    range: { start: { line: edit.range.start.line - firstLine, character: edit.range.start.character }, end: { line: edit.range.end.line - firstLine, character: edit.range.end.character } },
  }));
  let fixed: string;
  try {
    fixed = applyEdits(new SourceText(piece), moved);
  } catch {
    return false;
  }
  const errorsBefore = runsWithin(runs, firstLine, lastLine).filter((run) => run.hasErrors).length;
  // The piece is read as its own Dockerfile, with the file's escape character.
  const header = model.escapeChar !== '\\' ? `# escape=${model.escapeChar}${source.eol}` : '';
  const text = whole ? fixed : `${header}FROM scratch${source.eol}${fixed}`;
  const key = `${errorsBefore}\u0000${text}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    try {
      verdict = shellErrors(buildModel(text, whole ? parseCache : undefined)) <= errorsBefore;
    } catch {
      verdict = false;
    }
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** RUNs that start on or after `first` and end on or before `last`, by binary search. */
function runsWithin(runs: readonly CheckedRun[], first: number, last: number): CheckedRun[] {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (runs[mid].range.start.line < first) low = mid + 1;
    else high = mid;
  }
  const found: CheckedRun[] = [];
  for (let i = low; i < runs.length && runs[i].range.start.line <= last; i++) if (runs[i].range.end.line <= last) found.push(runs[i]);
  return found;
}

/** The RUNs an edit touches, by binary search over the RUNs in document order. */
function touchedRuns(runs: readonly CheckedRun[], edits: readonly TextEdit[]): CheckedRun[] {
  const found = new Set<CheckedRun>();
  for (const edit of edits) {
    let low = 0;
    let high = runs.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (runs[mid].range.end.line < edit.range.start.line) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < runs.length && runs[i].range.start.line <= edit.range.end.line; i++) {
      if (touches(edit.range, runs[i].range)) found.add(runs[i]);
    }
  }
  return [...found];
}

function shellErrors(model: DockerfileModel): number {
  let count = 0;
  for (const stage of model.stages) for (const run of runScripts(model, stage)) if (run.script?.hasErrors) count++;
  return count;
}

/** Overlapping or touching at an end (an insertion right after a RUN extends it). */
function touches(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}
