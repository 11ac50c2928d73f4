import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

// The slim base must still build the Dockerfile and run its command the same way.
const sameOutput = async ({ before, after }: Parameters<NonNullable<RuleCases['cases'][0]['behaviour']>>[0]) => {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  const base = await after.exec(['sh', '-c', 'command -v ps || echo no-procps']);
  assert.equal(base.stdout.trim(), 'no-procps', 'the fixed image is not on the slim base');
};
const cases: RuleCases = {
  rule: 'prefer-slim-base',
  cases: [
    {
      name: 'debian:12 to debian:12-slim, with an apt install',
      dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "-n", "1+1"]\n',
      fix: /Switch to debian:12-slim/,
      behaviour: sameOutput,
    },
    {
      name: 'debian:bookworm with a WORKDIR and a state file',
      dockerfile: 'FROM debian:bookworm\nWORKDIR /srv\nRUN echo ready > state\nCMD ["cat", "/srv/state"]\n',
      fix: /Switch to debian:bookworm-slim/,
      behaviour: sameOutput,
    },
  ],
};
export default cases;
