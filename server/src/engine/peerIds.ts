/**
 * The mapping from other tools' rule ids to ours: one table per rule set, built from each rule's
 * `peers` metadata (which the rule's docs page must list, see test/rules/registry.test.ts). It
 * lets suppressions and configs written for hadolint, Trivy, Checkov or BuildKit apply here.
 */
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

export interface PeerTable {
  /** Our rules that a peer tool's rule id stands for (empty when we have no equivalent). */
  rulesFor(tool: PeerTool, id: string): readonly Rule[];
  /** Every rule that has an equivalent in the tool (for `# check=skip=all`). */
  rulesWith(tool: PeerTool): readonly Rule[];
}

export function createPeerTable(rules: readonly Rule[]): PeerTable {
  const table = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const [tool, ids] of Object.entries(rule.meta.peers ?? {}) as [PeerTool, string[]][]) {
      for (const id of ids) {
        const key = `${tool}:${normalizePeerId(tool, id)}`;
        const list = table.get(key) ?? [];
        if (!list.includes(rule)) list.push(rule);
        table.set(key, list);
      }
    }
  }
  const withPeers = new Map<PeerTool, readonly Rule[]>();
  return {
    rulesFor: (tool, id) => table.get(`${tool}:${normalizePeerId(tool, id)}`) ?? [],
    rulesWith: (tool) => {
      let list = withPeers.get(tool);
      if (!list) withPeers.set(tool, (list = rules.filter((r) => (r.meta.peers?.[tool]?.length ?? 0) > 0)));
      return list;
    },
  };
}
