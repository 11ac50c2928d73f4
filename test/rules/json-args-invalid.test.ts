import rule from '../../server/src/rules/json-args-invalid';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'exec form', code: lines('FROM a:1.0.0', 'CMD ["node", "a.js"]') },
    { name: 'shell form', code: lines('FROM a:1.0.0', 'CMD node a.js') },
    { name: 'empty array', code: lines('FROM a:1.0.0', 'CMD []') },
    { name: 'an argument with a space under an ENTRYPOINT may be meant', code: lines('FROM a:1.0.0', 'ENTRYPOINT ["greet"]', 'CMD ["John Smith"]') },
    { name: 'a Windows path with a space', code: lines('FROM a:1.0.0', 'CMD ["C:/Program Files/app/app.exe"]') },
  ],
  invalid: [
    {
      name: "a one-element exec form holding a command line (listmonk's dev image): suggestion to split it",
      code: lines('FROM node:16', 'CMD [ "sleep infinity" ]'),
      errors: [{ messageId: 'spacedProgram', line: 2, column: 5, suggestions: [{ output: lines('FROM node:16', 'CMD ["sleep", "infinity"]') }] }],
      output: null,
    },
    {
      name: 'ENTRYPOINT whose first word holds its options; the rest is kept',
      code: lines('FROM a:1.0.0', 'ENTRYPOINT ["/usr/bin/app --verbose", "serve"]'),
      errors: [{ messageId: 'spacedProgram', line: 2, column: 12, suggestions: [{ output: lines('FROM a:1.0.0', 'ENTRYPOINT ["/usr/bin/app", "--verbose", "serve"]') }] }],
      output: null,
    },
    {
      name: 'single quotes',
      code: lines('FROM node:22.4.1', "CMD ['node', 'a.js']"),
      errors: [{ messageId: 'singleQuotes', line: 2, column: 5, endColumn: 21 }],
      output: lines('FROM node:22.4.1', 'CMD ["node", "a.js"]'),
    },
    {
      name: 'mixed quotes with an apostrophe inside double quotes',
      code: lines('FROM node:22.4.1', `ENTRYPOINT ["node", 'it\\'s.js']`),
      errors: [{ messageId: 'singleQuotes', line: 2, column: 12 }],
      output: lines('FROM node:22.4.1', 'ENTRYPOINT ["node", "it\'s.js"]'),
    },
    {
      name: 'trailing comma: no fix, the intent is clear but JSON is not',
      code: lines('FROM a:1.0.0', 'ENTRYPOINT ["a",]'),
      errors: [{ messageId: 'invalidJson', line: 2, column: 12 }],
      output: null,
    },
    {
      name: 'missing comma',
      code: lines('FROM a:1.0.0', 'CMD ["a" "b"]'),
      errors: [{ messageId: 'invalidJson', line: 2, column: 5 }],
      output: null,
    },
  ],
});
