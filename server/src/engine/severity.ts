/** Severity overrides: `{ rule: glob over rule ids or group slugs, severity }`, last match wins. */
import type { SeverityOverride } from '../../../shared/settings';
import type { RuleMeta } from './rule';
import type { Severity } from './types';

export type EffectiveSeverity = Severity | 'off';

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const escaped = glob.trim().toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${escaped}$`);
    globCache.set(glob, re);
  }
  return re;
}

export function matchesRuleOrGroup(pattern: string, meta: Pick<RuleMeta, 'id' | 'group'>): boolean {
  const re = globToRegExp(pattern);
  return re.test(meta.id) || re.test(meta.group);
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
