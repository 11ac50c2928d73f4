import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

const cases: RuleCases = {
  rule: 'expose-ssh',
  cases: [
    {
      name: 'EXPOSE 22 among other ports',
      dockerfile: 'FROM busybox:1.36\nEXPOSE 8080 22\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, ['8080/tcp']),
    },
    {
      name: 'EXPOSE 22/tcp alone',
      dockerfile: 'FROM busybox:1.36\nEXPOSE 22/tcp\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, []),
    },
  ],
};
export default cases;
