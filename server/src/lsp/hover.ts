/**
 * Hover: on a finding, what the risk is and how to fix it, in a few lines from the rule's docs
 * page (the diagnostic itself already shows the message); elsewhere, the language service's
 * hover when editor features are on.
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { docsUrl, ROLES_DOCS_URL } from '../../../shared/ids';
import type { LintResult } from '../engine/linter';
import { ROLE_NAMES } from '../engine/roles';
import { comparePositions } from '../engine/sourceText';
import type { Severity } from '../engine/types';
import ruleDocs from '../generated/rule-docs.json';

const docs = ruleDocs as Record<string, { why: string; fix: string }>;
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function findingHover(params: HoverParams, result: LintResult): Hover | null {
  const at = params.position;
  // The most severe first: an error is what the reader came for, a hint can wait.
  const findings = result.findings
    .filter((f) => comparePositions(f.range.start, at) <= 0 && comparePositions(at, f.range.end) <= 0)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const finding of findings) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const doc = docs[finding.ruleId];
    if (!doc) continue;
    sections.push(`**${finding.ruleId}** · \`${finding.group}\`\n\n**Risk:** ${doc.why}\n\n**Fix:** ${doc.fix}\n\n[Rule documentation](${docsUrl(finding.ruleId)})`);
  }
  const role = roleSection(params, result);
  if (role) sections.push(role);
  if (sections.length === 0) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: findings[0]?.range };
}

/** On a FROM line: the stage's image role and why, and how to set it where the tool is wrong. */
function roleSection(params: HoverParams, result: LintResult): string | null {
  const stage = result.model?.stages.find((s) => s.from.getRange().start.line === params.position.line);
  const judgement = stage ? result.roles?.get(stage) : undefined;
  if (!judgement) return null;
  return `**Image role:** ${ROLE_NAMES[judgement.role]} (\`${judgement.role}\`): ${judgement.why}.\n\nRules about what ships are judged by it. Set it with \`# hardening-role: <role>\` or the config's \`roles\`. [Image roles](${ROLES_DOCS_URL})`;
}

export function mergeHovers(ours: Hover | null, theirs: Hover | null | undefined): Hover | null {
  if (!theirs) return ours;
  if (!ours) return theirs;
  const value = (h: Hover) =>
    typeof h.contents === 'object' && 'value' in h.contents
      ? h.contents.value
      : Array.isArray(h.contents)
        ? h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n')
        : String(h.contents);
  // The finding and its explanation first; Docker's keyword help after them.
  return { contents: { kind: 'markdown', value: `${value(ours)}\n\n---\n\n${value(theirs)}` }, range: ours.range };
}
