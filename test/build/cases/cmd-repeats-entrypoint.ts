import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

// The container must run the program once, with the arguments the author meant.
const cases: RuleCases = {
  rule: 'cmd-repeats-entrypoint',
  cases: [
    {
      name: 'CMD repeats the ENTRYPOINT program',
      dockerfile: 'FROM busybox:1.36\nENTRYPOINT ["echo"]\nCMD ["echo", "hello"]\n',
      fix: /Remove "echo" from CMD/,
      behaviour: async ({ before, after }) => {
        assert.equal((await before.command()).stdout, 'echo hello\n');
        assert.equal((await after.command()).stdout, 'hello\n');
      },
    },
  ],
};
export default cases;
