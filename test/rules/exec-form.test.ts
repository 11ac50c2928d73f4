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
      code: lines('FROM alpine:3.20.1', `CMD echo 'hello world' "and \\"you\\""`),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: lines('FROM alpine:3.20.1', 'CMD ["echo", "hello world", "and \\"you\\""]'),
    },
    {
      name: 'a leading exec is dropped',
      code: lines('FROM node:22.4.1', 'CMD exec node server.js'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
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
      errors: [{ messageId: 'shellCmd', line: 3, column: 5, message: /\/bin\/bash -o pipefail -c/ }],
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
      errors: [{ messageId: 'shellCmd', line: 3, column: 5 }],
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
      name: 'PowerShell: no POSIX rewrite',
      code: lines('FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]', 'CMD Write-Host hello'),
      errors: [{ messageId: 'shellCmd', line: 3, column: 5, message: /pwsh -Command/, suggestions: [] }],
      output: null,
    },
    {
      name: 'glob needs the shell',
      code: lines('FROM alpine:3.20.1', 'CMD ls /data/*.csv'),
      errors: [{ messageId: 'shellCmd', line: 2, column: 5 }],
      output: lines('FROM alpine:3.20.1', 'CMD ["/bin/sh", "-c", "exec ls /data/*.csv"]'),
    },
  ],
});
