/** Severity overrides: `{ rule: glob over rule ids or group slugs, severity }`, last match wins. */
import type { SeverityOverride } from '../../../shared/settings';
import type { RuleMeta } from './rule';
import type { Severity } from './types';

export type EffectiveSeverity = Severity | 'off';

/**
 * `*` and `?` wildcards over a rule id or group slug, case-insensitive. Patterns come from the
 * files being checked (suppression comments) and a RegExp of `.*` runs backtracked
 * exponentially (`****************x`: a minute), so this is the classic two-pointer match: at
 * most pattern × text steps, and the text is a short id.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const ch = pattern[p];
    if (ch === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (ch === '?' || ch === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function matchesRuleOrGroup(pattern: string, meta: Pick<RuleMeta, 'id' | 'group'>): boolean {
  const normalized = pattern.trim().toLowerCase();
  return wildcardMatch(normalized, meta.id) || wildcardMatch(normalized, meta.group);
}

/**
 * The user's severity for a rule, or undefined when no override matches (then the rule's
 * own default, or the lower default of a particular report, applies).
 */
export function overriddenSeverity(meta: RuleMeta, overrides: readonly SeverityOverride[]): EffectiveSeverity | undefined {
  let result: EffectiveSeverity | undefined;
  for (const override of overrides) {
    if (!matchesRuleOrGroup(override.rule, meta)) continue;
    result = override.severity === 'default' ? undefined : override.severity;
  }
  return result;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
