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
  ],
};
export default cases;
