import rule from '../../server/src/rules/json-args-invalid';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'exec form', code: lines('FROM a:1.0.0', 'CMD ["node", "a.js"]') },
    { name: 'shell form', code: lines('FROM a:1.0.0', 'CMD node a.js') },
    { name: 'empty array', code: lines('FROM a:1.0.0', 'CMD []') },
  ],
  invalid: [
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
