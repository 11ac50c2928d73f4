// The peers' own test cases, in our wording (issue 14): hadolint's specs, trivy-checks' rego tests
// and checkov's resources were read and each case written again as a small Dockerfile, with
// whether the peer expects its check to fire. Each case runs with the rule that covers that
// check turned on (off-by-default rules are what a team wanting the peer's check turns on; the
// default-config figure is printed beside it). At least 90% of the cases the peers must flag are
// flagged and 90% of those they must not are clean, and every remaining difference is listed in
// differences.json with its reason and on the rule's page, so a difference is never an accident.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { linter } from '../../server/src/defaultLinter';
import { initEngine } from '../../server/src/engine/linter';

interface PeerCase {
  peerRule: string;
  ourRule: string;
  expect: 'flag' | 'clean';
  name: string;
  dockerfile: string;
}
interface Difference {
  peer: string;
  peerRule: string;
  name: string;
  reason: string;
}

const PEERS = ['hadolint', 'trivy', 'checkov'] as const;
const here = __dirname;
const repo = join(here, '..', '..');
const cases = PEERS.flatMap((peer) => (JSON.parse(readFileSync(join(here, 'cases', `${peer}.json`), 'utf8')) as PeerCase[]).map((c) => ({ ...c, peer })));
const differences = JSON.parse(readFileSync(join(here, 'differences.json'), 'utf8')) as Difference[];
const key = (c: { peer: string; peerRule: string; name: string }) => `${c.peer} ${c.peerRule} ${c.name}`;

/** hadolint's DL3026 cases were written against this list of trusted registries. */
const TRUSTED = ['docker.io', 'my.registry.example'];

function fires(c: PeerCase & { peer: string }, ruleOn: boolean): boolean {
  const result = linter.lintDockerfile(c.dockerfile, {
    ...(c.ourRule === 'untrusted-registry' ? { trustedRegistries: TRUSTED } : {}),
    ...(ruleOn ? { severityOverrides: [{ rule: c.ourRule, severity: 'warning' as const }] } : {}),
  });
  assert.deepEqual(result.internalErrors, [], `${key(c)}: internal errors`);
  return result.findings.some((f) => f.ruleId === c.ourRule);
}

function rates(ruleOn: boolean) {
  const misses: (PeerCase & { peer: string })[] = [];
  const tally = { flag: { ok: 0, all: 0 }, clean: { ok: 0, all: 0 } };
  for (const c of cases) {
    const agrees = fires(c, ruleOn) === (c.expect === 'flag');
    tally[c.expect].all++;
    if (agrees) tally[c.expect].ok++;
    else misses.push(c);
  }
  return { misses, flagged: tally.flag.ok / tally.flag.all, clean: tally.clean.ok / tally.clean.all, tally };
}

before(() => initEngine(join(repo, 'dist')));

describe("the peers' test cases", () => {
  it('every case names a rule of ours and starts with a FROM (or an ARG for it)', () => {
    const ours = new Set(linter.rules.map((r) => r.meta.id));
    for (const c of cases) {
      assert.ok(ours.has(c.ourRule), `${key(c)}: no rule ${c.ourRule}`);
      assert.match(c.dockerfile, /^(ARG [^\n]*\n)*FROM /, `${key(c)}: no FROM`);
    }
    assert.equal(new Set(cases.map(key)).size, cases.length, 'case names are unique per peer rule');
  });

  it('at least 90% of what the peers flag is flagged, and 90% of what they pass is clean; every difference is a listed one', () => {
    const on = rates(true);
    const byDefault = rates(false);
    const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
    // Printed for the closing note and for anyone reading the run.
    console.log(
      `peer cases: ${cases.length}; with the rule on: ${pct(on.flagged)} of ${on.tally.flag.all} flagged, ${pct(on.clean)} of ${on.tally.clean.all} clean; ` +
        `default config: ${pct(byDefault.flagged)} flagged, ${pct(byDefault.clean)} clean`,
    );
    assert.ok(on.flagged >= 0.9, `only ${pct(on.flagged)} of the cases the peers flag are flagged`);
    assert.ok(on.clean >= 0.9, `only ${pct(on.clean)} of the cases the peers pass are clean`);
    const listed = new Map(differences.map((d) => [key(d), d]));
    const unlisted = on.misses.filter((m) => !listed.has(key(m))).map((m) => `${key(m)} (expect ${m.expect}, ${m.ourRule})`);
    assert.deepEqual(unlisted, [], 'differences that are not listed in test/peers/differences.json');
    // A listed difference that no longer is one: the list must not keep stale excuses.
    const missed = new Set(on.misses.map(key));
    assert.deepEqual(differences.filter((d) => !missed.has(key(d))).map(key), [], 'listed differences that now agree with the peer: remove them');
  });

  it("every listed difference is on the rule's page, under Differences from peers", () => {
    const byCase = new Map(cases.map((c) => [key(c), c]));
    for (const d of differences) {
      assert.ok(d.reason.length > 20, `${key(d)}: give the reason`);
      const c = byCase.get(key(d));
      assert.ok(c, `${key(d)}: no such case`);
      const page = readFileSync(join(repo, 'docs', 'rules', `${c.ourRule}.md`), 'utf8');
      const section = page.split(/^## Differences from peers$/m)[1]?.split(/^## /m)[0] ?? '';
      assert.ok(section.includes(d.peerRule), `docs/rules/${c.ourRule}.md: "Differences from peers" does not name ${d.peerRule} (${d.name})`);
    }
  });
});
