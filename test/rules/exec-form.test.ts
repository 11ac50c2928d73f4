import rule from '../../server/src/rules/exec-form';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      // zabbix's agent images: Windows sends no SIGTERM, `docker stop` is a console shutdown event for every process.
      name: 'Windows images (cmd or PowerShell shell form) are not judged by SIGTERM',
      code: lines('# escape=`', 'ARG BASE_IMAGE=mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022', 'FROM $BASE_IMAGE', 'SHELL ["pwsh", "-Command"]', 'CMD C:\\zabbix\\docker-entrypoint.ps1 -f'),
    },
    { name: 'Windows default shell is cmd', code: lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'CMD dir C:\\') },
    { name: 'exec form', code: lines('FROM node:22.4.1', 'CMD ["node", "server.js"]') },
    { name: 'shell form only in a stage that is not shipped', code: lines('FROM node:22.4.1 AS dev', 'CMD node dev.js', 'FROM node:22.4.1', 'CMD ["node", "a.js"]') },
    { name: 'parent CMD cleared by the final ENTRYPOINT', code: lines('FROM node:22.4.1 AS base', 'CMD node a.js', 'FROM base', 'ENTRYPOINT ["node"]') },
    { name: 'no command at all', code: lines('FROM alpine:3.20.1') },
  ],
  invalid: [
    {
      name: 'plain command: safe conversion',
      code: lines('FROM node:22.4.1', 'CMD node server.js'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5, endColumn: 19 }],
      output: lines('FROM node:22.4.1', 'CMD ["node", "server.js"]'),
    },
    {
      name: 'quoted words are unquoted',
      code: lines('FROM debian:12.8', `CMD echo 'hello world' "and \\"you\\""`),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: lines('FROM debian:12.8', 'CMD ["echo", "hello world", "and \\"you\\""]'),
    },
    {
      // The shell already gives way to the program: a hint, and the same fix.
      name: 'a leading exec is dropped',
      code: lines('FROM node:22.4.1', 'CMD exec node server.js'),
      errors: [{ messageId: 'handedOverCmd', line: 2, column: 5, severity: 'hint', message: /"exec" makes node replace the shell/ }],
      output: lines('FROM node:22.4.1', 'CMD ["node", "server.js"]'),
    },
    {
      name: 'variables keep the shell, with exec',
      code: lines('FROM node:22.4.1', 'CMD node server.js --port $PORT'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: lines('FROM node:22.4.1', 'CMD ["/bin/sh", "-c", "exec node server.js --port $PORT"]'),
    },
    {
      name: 'the stage SHELL is used',
      code: lines('FROM debian:12.5', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'CMD /srv/run "${MODE:-prod}"'),
      errors: [{ messageId: 'handedOverCmd', line: 3, column: 5, severity: 'hint', message: /bash replaces itself with the one command it runs/ }],
      output: lines('FROM debian:12.5', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'CMD ["/bin/bash", "-o", "pipefail", "-c", "exec /srv/run \\"${MODE:-prod}\\""]'),
    },
    {
      name: '&& chain: exec the last command, as a suggestion',
      code: lines('FROM node:22.4.1', 'CMD npm run migrate && node server.js'),
      errors: [
        {
          messageId: 'shellCmd',
          line: 2,
          column: 5,
          suggestions: [{ title: /exec the last command/, output: lines('FROM node:22.4.1', 'CMD ["/bin/sh", "-c", "npm run migrate && exec node server.js"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'pipe: keep the script as it is, as a suggestion',
      code: lines('FROM node:22.4.1', 'CMD node a.js | tee /tmp/log'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5, suggestions: [{ output: lines('FROM node:22.4.1', 'CMD ["/bin/sh", "-c", "node a.js | tee /tmp/log"]') }] }],
      output: null,
    },
    {
      name: 'shell-form ENTRYPOINT with a CMD: converting would start passing CMD, so only a suggestion',
      code: lines('FROM node:22.4.1', 'ENTRYPOINT node server.js', 'CMD ["--port", "80"]'),
      errors: [{ messageId: 'shellEntrypoint', line: 2, column: 12, suggestions: [{ output: lines('FROM node:22.4.1', 'ENTRYPOINT ["node", "server.js"]', 'CMD ["--port", "80"]') }] }],
      output: null,
    },
    {
      name: 'line continuation',
      code: lines('FROM node:22.4.1', 'CMD node \\', '    # a comment inside the continuation', '    server.js'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5, endLine: 4, endColumn: 14 }],
      output: lines('FROM node:22.4.1', 'CMD ["node", "server.js"]'),
    },
    {
      name: 'backtick escape directive',
      code: lines('# escape=`', 'FROM alpine:3.20.1', 'CMD echo a `', '  b'),
      errors: [{ messageId: 'handedOverCmd', line: 3, column: 5, severity: 'hint' }],
      output: lines('# escape=`', 'FROM alpine:3.20.1', 'CMD ["echo", "a", "b"]'),
    },
    {
      name: 'CRLF',
      code: 'FROM node:22.4.1\r\nCMD node server.js\r\n',
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: 'FROM node:22.4.1\r\nCMD ["node", "server.js"]\r\n',
    },
    {
      name: 'inherited from a parent stage: reported where it is written',
      code: lines('FROM node:22.4.1 AS base', 'CMD node a.js', 'FROM base', 'COPY . .'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: lines('FROM node:22.4.1 AS base', 'CMD ["node", "a.js"]', 'FROM base', 'COPY . .'),
    },
    {
      // Debian's /bin/sh is dash, which stays the parent of the program (tried with dash 0.5.12).
      name: 'dash keeps the shell in between: a warning',
      code: lines('FROM python:3.12.4-slim', 'CMD python app.py'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5, severity: 'warning', message: /does not pass on SIGTERM/ }],
      output: lines('FROM python:3.12.4-slim', 'CMD ["python", "app.py"]'),
    },
    {
      // Mailu's Alpine images: `ENTRYPOINT /start.py` gets signals, but never its arguments.
      name: 'ENTRYPOINT on Alpine: the arguments are still ignored',
      code: lines('FROM alpine:3.20.1', 'ENTRYPOINT /start.py'),
      errors: [{ messageId: 'handedOverEntrypoint', line: 2, column: 12, severity: 'warning', message: /arguments are ignored/ }],
      output: lines('FROM alpine:3.20.1', 'ENTRYPOINT ["/start.py"]'),
    },
    {
      name: "a list on Alpine: busybox's sh replaces itself with the last command",
      code: lines('FROM alpine:3.20.1', 'CMD ./migrate && ./serve'),
      errors: [
        {
          messageId: 'handedOverCmd',
          line: 2,
          column: 5,
          severity: 'hint',
          message: /last command/,
          suggestions: [{ output: lines('FROM alpine:3.20.1', 'CMD ["/bin/sh", "-c", "./migrate && exec ./serve"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'a list under dash keeps the shell in between: a warning',
      code: lines('FROM debian:12.8', 'CMD ./migrate && ./serve'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5, severity: 'warning' }],
      output: null,
    },
    {
      name: 'PowerShell: no POSIX rewrite',
      code: lines('FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]', 'CMD Write-Host hello'),
      errors: [{ messageId: 'shellCmd', line: 3, column: 5, message: /pwsh -Command/, suggestions: [] }],
      output: null,
    },
    {
      name: 'glob needs the shell',
      code: lines('FROM alpine:3.20.1', 'CMD ls /data/*.csv'),
      errors: [{ messageId: 'handedOverCmd', line: 2, column: 5, severity: 'hint', message: /busybox's sh replaces itself/ }],
      output: lines('FROM alpine:3.20.1', 'CMD ["/bin/sh", "-c", "exec ls /data/*.csv"]'),
    },
  ],
});
