import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

// Debian's mirror is signed: without --allow-unauthenticated the install still works.
const cases: RuleCases = {
  rule: 'signature-check-disabled',
  cases: [
    {
      name: 'apt-get install --allow-unauthenticated',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --allow-unauthenticated --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "--version"]\n',
      fix: /Remove --allow-unauthenticated/,
      behaviour: async ({ after }) => assert.equal((await after.command()).code, 0),
    },
  ],
};
export default cases;
