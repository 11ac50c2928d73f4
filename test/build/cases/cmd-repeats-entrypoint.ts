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
    {
      name: 'the full path repeated, with flags',
      dockerfile: 'FROM busybox:1.36\nENTRYPOINT ["/bin/echo", "-n"]\nCMD ["/bin/echo", "a", "b"]\n',
      fix: /Remove "\/bin\/echo" from CMD/,
      behaviour: async ({ after }) => assert.equal((await after.command()).stdout, 'a b'),
    },
    {
      name: 'ENTRYPOINT in the parent stage, CMD in the final one',
      dockerfile: 'FROM busybox:1.36 AS base\nENTRYPOINT ["echo"]\nFROM base\nCMD ["echo", "from", "final"]\n',
      fix: /Remove "echo" from CMD/,
      behaviour: async ({ after }) => assert.equal((await after.command()).stdout, 'from final\n'),
    },
    {
      name: 'the program alone in CMD',
      dockerfile: 'FROM busybox:1.36\nENTRYPOINT ["pwd"]\nWORKDIR /srv\nCMD ["pwd"]\n',
      fix: /Remove "pwd" from CMD/,
      behaviour: async ({ after }) => {
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, '/srv\n');
      },
    },
    {
      name: 'a shell-script ENTRYPOINT from the context, repeated with its arguments',
      dockerfile:
        'FROM busybox:1.36\nCOPY entrypoint.sh /usr/local/bin/\nRUN chmod 0755 /usr/local/bin/entrypoint.sh\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\nCMD ["/usr/local/bin/entrypoint.sh", "serve", "--port", "8080"]\n',
      files: { 'entrypoint.sh': '#!/bin/sh\necho "args: $*"\n' },
      fix: /Remove "\/usr\/local\/bin\/entrypoint\.sh" from CMD/,
      behaviour: async ({ before, after }) => {
        assert.equal((await before.command()).stdout, 'args: /usr/local/bin/entrypoint.sh serve --port 8080\n');
        assert.equal((await after.command()).stdout, 'args: serve --port 8080\n');
      },
    },
  ],
};
export default cases;
