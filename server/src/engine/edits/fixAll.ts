/** Applying many fixes at once: fix-all on save, the "fix all" command and `--fix`. */
import type { Linter, LintOptions } from '../linter';
import { applyEdits, comparePositions, rangesOverlap, SourceText } from '../sourceText';
import type { Finding, Fix, TextEdit } from '../types';

/**
 * Safe fixes whose edits do not touch each other, in document order. Overlapping fixes are
 * left for the next pass rather than merged, so no fix ever sees a text it was not made for.
 */
export function compatibleFixes(findings: readonly Finding[], accept: (finding: Finding) => boolean = () => true): Fix[] {
  const chosen: Fix[] = [];
  // Edits taken so far, sorted by start; they never overlap, so a new edit only needs checking
  // against its two neighbours (linear in practice: findings come in document order).
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !accept(finding)) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    if (fix.edits.some((edit) => collides(taken, edit))) continue;
    seen.add(key);
    chosen.push(fix);
    for (const edit of fix.edits) taken.splice(insertionIndex(taken, edit), 0, edit);
  }
  return chosen;
}

function insertionIndex(sorted: TextEdit[], edit: TextEdit): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comparePositions(sorted[mid].range.start, edit.range.start) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function collides(sorted: TextEdit[], edit: TextEdit): boolean {
  const at = insertionIndex(sorted, edit);
  const neighbours = [sorted[at - 1], sorted[at]].filter((e): e is TextEdit => !!e);
  return neighbours.some((other) => rangesOverlap(edit.range, other.range) || samePoint(edit, other));
}

function samePoint(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

export interface FixResult {
  text: string;
  applied: number;
  passes: number;
}

/** Lints and applies safe fixes until none are left (at most `maxPasses` rounds). */
export function fixText(linter: Linter, text: string, options: LintOptions = {}, maxPasses = 10): FixResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const { findings } = linter.lintFile(options.filePath ?? null, current, options);
    const fixes = compatibleFixes(findings);
    if (fixes.length === 0) break;
    const next = applyEdits(
      new SourceText(current),
      fixes.flatMap((f) => f.edits),
    );
    passes++;
    if (next === current) break;
    applied += fixes.length;
    current = next;
  }
  return { text: current, applied, passes };
}
