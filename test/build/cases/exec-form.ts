import { assertProgramGetsSigterm } from '../behaviour';
import type { RuleCases } from '../buildCase';

// A worker that says when it is ready and when SIGTERM reaches it. The handler exits 0 even when
// its line cannot be written: under load buildah's relay pipe can close first, and a failed print
// then exited 1 (seen once in a fresh-clone run), which hid that the handler ran.
const worker = `import os, signal, time
def stop(*_):
    try:
        print("got SIGTERM", flush=True)
    finally:
        os._exit(0)
signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True:
    time.sleep(0.05)
`;

// Shell form to exec form: the command is the intent (Entrypoint/Cmd change); its output must not.
const cases: RuleCases = {
  rule: 'exec-form',
  cases: [
    { name: 'a plain command', dockerfile: 'FROM busybox:1.36\nCMD echo hello from the app\n', fix: 'safe', intent: ['Cmd'] },
    {
      name: 'quoted arguments',
      dockerfile: 'FROM busybox:1.36\nRUN printf \'#!/bin/sh\\necho "$@"\\n\' > /app && chmod +x /app\nCMD /app "two words" \'single quoted\'\n',
      fix: 'safe',
      intent: ['Cmd'],
    },
    { name: 'a leading exec', dockerfile: 'FROM busybox:1.36\nWORKDIR /srv\nCMD exec pwd\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'a variable keeps the shell, with exec', dockerfile: 'FROM busybox:1.36\nENV GREETING=hi\nCMD echo $GREETING from $HOME\n', fix: 'safe', intent: ['Cmd'] },
    { name: 'ENTRYPOINT without CMD on Debian', dockerfile: 'FROM debian:12-slim\nENTRYPOINT cat /etc/debian_version\n', fix: 'safe', intent: ['Entrypoint', 'Cmd'] },
    {
      name: 'a plain python command: python becomes the process that gets SIGTERM',
      dockerfile: 'FROM python:3.11-slim\nCOPY worker.py /app/worker.py\nCMD python3 /app/worker.py\n',
      files: { 'worker.py': worker },
      fix: /^Convert to exec form$/,
      behaviour: ({ after }) => assertProgramGetsSigterm(after, /^(\/usr\/bin\/)?python3 \/app\/worker\.py$/),
    },
    {
      name: 'cd && program: exec the last command',
      dockerfile: 'FROM python:3.11-slim\nCOPY worker.py /app/worker.py\nCMD cd /app && python3 worker.py\n',
      files: { 'worker.py': worker },
      fix: /exec the last command/,
      behaviour: ({ after }) => assertProgramGetsSigterm(after, /^python3 worker\.py$/),
    },
    {
      name: 'a variable in the command keeps the shell, with exec',
      dockerfile: 'FROM python:3.11-slim\nCOPY worker.py /app/worker.py\nENV APP=/app/worker.py\nCMD python3 $APP\n',
      files: { 'worker.py': worker },
      fix: /keeps the shell for variables, with exec/,
      behaviour: ({ after }) => assertProgramGetsSigterm(after, /^(\/usr\/bin\/)?python3 \/app\/worker\.py$/),
    },
    {
      name: 'ENTRYPOINT in shell form with a CMD: the suggestion hands CMD to the program',
      dockerfile: 'FROM python:3.11-slim\nCOPY worker.py /app/worker.py\nENTRYPOINT python3 /app/worker.py\nCMD ["--verbose"]\n',
      files: { 'worker.py': worker },
      fix: /^Convert to exec form$/,
      behaviour: ({ after }) => assertProgramGetsSigterm(after, /^(\/usr\/bin\/)?python3 \/app\/worker\.py --verbose$/),
    },
    {
      name: "ENTRYPOINT and CMD both set: converting one changes the other's arguments",
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
