/** Applying many fixes at once: fix-all on save, the "fix all" command and `--fix`. */
import { lintDockerfile, type LintOptions } from './linter';
import { applyEdits, rangesOverlap, SourceText } from './sourceText';
import type { Finding, Fix, TextEdit } from './types';

/**
 * Safe fixes whose edits do not touch each other, in document order. Overlapping fixes are
 * left for the next pass rather than merged, so no fix ever sees a text it was not made for.
 */
export function compatibleFixes(findings: readonly Finding[], accept: (finding: Finding) => boolean = () => true): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !fix.safe || !accept(finding)) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    const collides = fix.edits.some((edit) => taken.some((other) => rangesOverlap(edit.range, other.range) || samePoint(edit, other)));
    if (collides) continue;
    seen.add(key);
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
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
export function fixText(text: string, options: LintOptions = {}, maxPasses = 10): FixResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const { findings } = lintDockerfile(current, options);
    const fixes = compatibleFixes(findings);
    if (fixes.length === 0) break;
    const next = applyEdits(new SourceText(current), fixes.flatMap((f) => f.edits));
    passes++;
    if (next === current) break;
    applied += fixes.length;
    current = next;
  }
  return { text: current, applied, passes };
}
