import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

const cases: RuleCases = {
  rule: 'chmod-world-writable',
  cases: [
    {
      name: 'chmod 777 on an app folder',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /srv/app && chmod 777 /srv/app\nCMD ["stat", "-c", "%a", "/srv/app"]\n',
      fix: /instead/,
      behaviour: async ({ after }) => {
        const mode = (await after.command()).stdout.trim();
        assert.equal(Number.parseInt(mode, 8) & 0o002, 0, `still world-writable: ${mode}`);
      },
    },
    {
      name: 'chmod -R 0777 in a set -eux chain',
      dockerfile: 'FROM busybox:1.36\nRUN set -eux; mkdir -p /data/cache; chmod -R 0777 /data;\nCMD ["stat", "-c", "%a", "/data/cache"]\n',
      fix: /instead/,
      behaviour: async ({ after }) => {
        const mode = (await after.command()).stdout.trim();
        assert.equal(Number.parseInt(mode, 8) & 0o002, 0, `still world-writable: ${mode}`);
      },
    },
  ],
};
export default cases;
