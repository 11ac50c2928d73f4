/**
 * The mapping from other tools' rule ids to ours: one table, built from each rule's `peers`
 * metadata (which the rule's docs page must list, see test/rules/registry.test.ts). It lets
 * suppressions and configs written for hadolint, Trivy, Checkov or BuildKit apply here.
 */
import { RULES } from '../rules';
import type { PeerRules, Rule } from './rule';

export type PeerTool = keyof PeerRules;

/** Canonical form: `AVD-DS-0002`, `DS002` and `ds-0002` are all Trivy `DS-0002`. */
export function normalizePeerId(tool: PeerTool, id: string): string {
  const upper = id.trim().toUpperCase();
  if (tool === 'trivy') {
    const m = /^(?:AVD-)?DS-?0*(\d+)$/.exec(upper);
    return m ? `DS-${m[1].padStart(4, '0')}` : upper;
  }
  return tool === 'buildkit' ? id.trim().toLowerCase() : upper;
}

const TABLE = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const [tool, ids] of Object.entries(rule.meta.peers ?? {}) as [PeerTool, string[]][]) {
    for (const id of ids) {
      const key = `${tool}:${normalizePeerId(tool, id)}`;
      const list = TABLE.get(key) ?? [];
      if (!list.includes(rule)) list.push(rule);
      TABLE.set(key, list);
    }
  }
}

/** Our rules that a peer tool's rule id stands for (empty when we have no equivalent). */
export function rulesForPeer(tool: PeerTool, id: string): readonly Rule[] {
  return TABLE.get(`${tool}:${normalizePeerId(tool, id)}`) ?? [];
}

/** Every rule that has an equivalent in the tool (for `# check=skip=all`). */
export function rulesWithPeers(tool: PeerTool): readonly Rule[] {
  return RULES.filter((r) => (r.meta.peers?.[tool]?.length ?? 0) > 0);
}
