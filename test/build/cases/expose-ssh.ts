import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

const cases: RuleCases = {
  rule: 'expose-ssh',
  cases: [
    {
      name: 'EXPOSE 22 among other ports',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /var/run/sshd\nEXPOSE 8080 22\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, ['8080/tcp']),
    },
    {
      name: 'EXPOSE 22/tcp alone',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /var/run/sshd\nEXPOSE 22/tcp\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, []),
    },
    {
      name: 'EXPOSE 22 in its own instruction among others, over a continuation',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /var/run/sshd\nEXPOSE 80 \\\n  443\nEXPOSE 22\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, ['443/tcp', '80/tcp']),
    },
    {
      name: 'EXPOSE 22 in a parent stage the final one builds on',
      dockerfile: 'FROM busybox:1.36 AS base\nRUN mkdir -p /var/run/sshd\nEXPOSE 22 9000\nFROM base\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, ['9000/tcp']),
    },
    {
      name: 'EXPOSE 22/tcp first of three',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /var/run/sshd\nEXPOSE 22/tcp 8080/tcp 8443\nCMD ["true"]\n',
      fix: /Remove (EXPOSE )?22/,
      behaviour: async ({ after }) => assert.deepEqual(after.config.ExposedPorts, ['8080/tcp', '8443/tcp']),
    },
  ],
};
export default cases;
