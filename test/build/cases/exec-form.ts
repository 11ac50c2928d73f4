import type { RuleCases } from '../buildCase';

// Shell form to exec form: the command is the intent (Entrypoint/Cmd change); its output must not.
const cases: RuleCases = {
  rule: 'exec-form',
  cases: [
    { name: 'a plain command', dockerfile: 'FROM busybox:1.36\nCMD echo hello from the app\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'quoted arguments', dockerfile: 'FROM busybox:1.36\nRUN printf \'#!/bin/sh\\necho "$@"\\n\' > /app && chmod +x /app\nCMD /app "two words" \'single quoted\'\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'a leading exec', dockerfile: 'FROM busybox:1.36\nWORKDIR /srv\nCMD exec pwd\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'a variable keeps the shell, with exec', dockerfile: 'FROM busybox:1.36\nENV GREETING=hi\nCMD echo $GREETING from $HOME\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'ENTRYPOINT without CMD on Debian', dockerfile: 'FROM debian:12-slim\nENTRYPOINT cat /etc/debian_version\n', fix: 'safe', intent: ['Entrypoint', 'Cmd'] },
    {
      name: 'ENTRYPOINT and CMD both set: converting one changes the other\'s arguments',
      dockerfile: 'FROM busybox:1.36\nENTRYPOINT ["echo"]\nCMD echo args\n',
      fix: 'withheld',
    },
    {
      name: 'a && chain is not safe to convert',
      dockerfile: 'FROM busybox:1.36\nCMD cd /etc && cat hostname\n',
      fix: 'withheld',
    },
  ],
};
export default cases;
