/**
 * Hover: on a finding, what the risk is and how to fix it, in a few lines from the rule's docs
 * page (the diagnostic itself already shows the message); elsewhere, the language service's
 * hover when editor features are on.
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { docsUrl } from '../../../shared/ids';
import type { LintResult } from '../engine/linter';
import { comparePositions } from '../engine/sourceText';
import ruleDocs from '../generated/rule-docs.json';

const docs = ruleDocs as Record<string, { why: string; fix: string }>;

export function findingHover(params: HoverParams, result: LintResult): Hover | null {
  const at = params.position;
  const findings = result.findings.filter((f) => comparePositions(f.range.start, at) <= 0 && comparePositions(at, f.range.end) <= 0);
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const finding of findings) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const doc = docs[finding.ruleId];
    if (!doc) continue;
    sections.push(`**${finding.ruleId}** · \`${finding.group}\`\n\n**Risk:** ${doc.why}\n\n**Fix:** ${doc.fix}\n\n[Rule documentation](${docsUrl(finding.ruleId)})`);
  }
  if (sections.length === 0) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: findings[0].range };
}

export function mergeHovers(ours: Hover | null, theirs: Hover | null | undefined): Hover | null {
  if (!theirs) return ours;
  if (!ours) return theirs;
  const value = (h: Hover) => (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : Array.isArray(h.contents) ? h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n') : String(h.contents));
  return { contents: { kind: 'markdown', value: `${value(theirs)}\n\n---\n\n${value(ours)}` }, range: ours.range };
}
