import rule from '../../server/src/rules/cmd-repeats-entrypoint';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'program and arguments split', code: lines('FROM node:22.4.1', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]') },
    { name: 'init wrapper takes a program', code: lines('FROM node:22.4.1', 'ENTRYPOINT ["tini", "--"]', 'CMD ["node", "a.js"]') },
    { name: 'entrypoint script takes a program', code: lines('FROM node:22.4.1', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]') },
    {
      name: "an interpreter running a wrapper script takes CMD as the script's arguments (acme-companion)",
      code: lines('FROM alpine:3.21.2', 'ENTRYPOINT [ "/bin/bash", "/app/entrypoint.sh" ]', 'CMD [ "/bin/bash", "/app/start.sh" ]'),
    },
    { name: 'CMD cleared by an ENTRYPOINT in a later stage', code: lines('FROM node:22.4.1 AS base', 'CMD ["node", "a.js"]', 'FROM base', 'ENTRYPOINT ["node"]') },
  ],
  invalid: [
    {
      name: 'CMD names the program again',
      code: lines('FROM node:22.4.1', 'ENTRYPOINT ["node"]', 'CMD ["node", "server.js"]'),
      errors: [{ messageId: 'repeated', line: 3, column: 5, message: /node node server\.js/, suggestions: [{ output: lines('FROM node:22.4.1', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]') }] }],
      output: null,
    },
    {
      name: 'full path in ENTRYPOINT, CMD inherited from a parent stage',
      code: lines('FROM python:3.12.4 AS base', 'CMD ["python", "app.py"]', 'FROM base', 'ENTRYPOINT ["/usr/local/bin/python"]', 'CMD ["python", "app.py"]'),
      errors: [{ messageId: 'repeated', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'interpreter options in ENTRYPOINT: the program is still the interpreter',
      code: lines('FROM node:22.4.1', 'ENTRYPOINT ["node", "--enable-source-maps"]', 'CMD ["node", "server.js"]'),
      errors: [{ messageId: 'repeated', line: 3, column: 5, message: /node --enable-source-maps node server\.js/ }],
      output: null,
    },
    {
      name: 'a wrapper script repeated whole in CMD runs twice',
      code: lines('FROM python:3.12.4', 'ENTRYPOINT ["python", "-m", "app"]', 'CMD ["python", "-m", "app", "--port", "8080"]'),
      errors: [{ messageId: 'repeated', line: 3, column: 5 }],
      output: null,
    },
  ],
});
