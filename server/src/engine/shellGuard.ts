/**
 * No fix leaves a RUN less parseable than it was: every fix or suggestion whose edits touch a
 * RUN instruction is applied to the text, the result is parsed again, and the fix is withheld
 * when more RUN scripts have shell syntax errors than before. Rules check their own edits;
 * this is the net under all of them, so a new rule cannot ship a `; &&`.
 */
import type { ParseCache } from './chunkedParse';
import { buildModel, type DockerfileModel } from './model';
import { runScripts } from './runScripts';
import { applyEdits } from './sourceText';
import type { Finding, Fix, Range } from './types';

export function withholdShellBreakingFixes(model: DockerfileModel, findings: Finding[], parseCache?: ParseCache): Finding[] {
  const runRanges = model.stages.flatMap((stage) => runScripts(model, stage).filter((run) => run.script).map((run) => run.instruction.getRange()));
  if (runRanges.length === 0) return findings;
  let errorsBefore: number | null = null;
  const verdicts = new Map<string, boolean>();
  const keeps = (fix: Fix): boolean => {
    if (!fix.edits.some((edit) => runRanges.some((range) => touches(edit.range, range)))) return true;
    const fixed = applyEdits(model.source, fix.edits);
    let verdict = verdicts.get(fixed);
    if (verdict === undefined) {
      errorsBefore ??= shellErrors(model);
      try {
        verdict = shellErrors(buildModel(fixed, parseCache)) <= errorsBefore;
      } catch {
        verdict = false;
      }
      verdicts.set(fixed, verdict);
    }
    return verdict;
  };
  return findings.map((finding) => {
    const fix = finding.fix && keeps(finding.fix) ? finding.fix : undefined;
    const suggestions = finding.suggestions?.filter(keeps);
    if (fix === finding.fix && suggestions?.length === finding.suggestions?.length) return finding;
    const { fix: _fix, suggestions: _suggestions, ...rest } = finding;
    return { ...rest, ...(fix ? { fix } : {}), ...(suggestions?.length ? { suggestions } : {}) };
  });
}

function shellErrors(model: DockerfileModel): number {
  let count = 0;
  for (const stage of model.stages) for (const run of runScripts(model, stage)) if (run.script?.hasErrors) count++;
  return count;
}

/** Overlapping or touching at an end (an insertion right after a RUN extends it). */
function touches(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
