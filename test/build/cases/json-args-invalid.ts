import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

// Broken exec-form arrays run as a shell command that fails at start; the fix makes the array
// Docker meant. The command is the fix's intent; everything else stays.
const cases: RuleCases = {
  rule: 'json-args-invalid',
  cases: [
    {
      name: 'CMD with single quotes',
      dockerfile: "FROM busybox:1.36\nCMD ['echo', 'started']\n",
      fix: 'safe',
      intent: ['Cmd'],
      outputChanges: true,
    },
    {
      name: 'ENTRYPOINT with single quotes and a CMD',
      dockerfile: 'FROM busybox:1.36\nENTRYPOINT [\'echo\', \'entry\']\nCMD ["and", "args"]\n',
      fix: 'safe',
      intent: ['Entrypoint'],
      outputChanges: true,
    },
    {
      name: 'single quotes around a path with spaces',
      dockerfile: "FROM busybox:1.36\nRUN mkdir -p '/opt/my app' && echo ok > '/opt/my app/state'\nCMD ['cat', '/opt/my app/state']\n",
      fix: 'safe',
      intent: ['Cmd'],
      outputChanges: true,
    },
    {
      name: 'in the final of two stages',
      dockerfile: "FROM busybox:1.36 AS build\nRUN echo built > /out\nFROM busybox:1.36\nCOPY --from=build /out /out\nCMD ['cat', '/out']\n",
      fix: 'safe',
      intent: ['Cmd'],
      outputChanges: true,
    },
    {
      name: 'mixed quotes',
      dockerfile: 'FROM busybox:1.36\nCMD ["echo", \'mixed\']\n',
      fix: 'safe',
      intent: ['Cmd'],
      outputChanges: true,
    },
    {
      // listmonk's dev image: `CMD [ "sleep infinity" ]` names a program that does not exist.
      name: 'a one-element array holding a command line: the suggestion splits it, and the program starts',
      dockerfile: 'FROM busybox:1.36\nCMD [ "echo started" ]\n',
      fix: /^Split "echo started" into its words$/,
      behaviour: async ({ before, after }) => {
        const original = await before.command();
        assert.notEqual(original.code, 0, 'the original cannot start a program called "echo started"');
        const fixed = await after.command();
        assert.equal(fixed.code, 0, fixed.stderr);
        assert.equal(fixed.stdout, 'started\n');
      },
    },
  ],
};
export default cases;
