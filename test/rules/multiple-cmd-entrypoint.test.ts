import rule from '../../server/src/rules/multiple-cmd-entrypoint';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'one CMD and one ENTRYPOINT', code: lines('FROM a:1.0.0', 'ENTRYPOINT ["a"]', 'CMD ["b"]') },
    { name: 'one CMD in each stage', code: lines('FROM a:1.0.0 AS x', 'CMD ["a"]', 'FROM b:1.0.0', 'CMD ["b"]') },
  ],
  invalid: [
    {
      // trivy's DS016 and hadolint's DL4003 report a builder's duplicate too: dead there as well, a hint.
      name: 'two CMDs in a builder stage: a hint',
      code: lines('FROM golang:1.23.4 AS build', 'CMD ["./server"]', 'CMD ["./server", "--debug"]', 'FROM alpine:3.21.2', 'CMD ["./server"]'),
      errors: [{ messageId: 'ignored', line: 2, column: 1, severity: 'hint' }],
      output: lines('FROM golang:1.23.4 AS build', 'CMD ["./server", "--debug"]', 'FROM alpine:3.21.2', 'CMD ["./server"]'),
    },
    {
      name: 'two CMDs',
      code: lines('FROM node:22.4.1', 'CMD ["node", "old.js"]', 'COPY . .', 'CMD ["node", "new.js"]'),
      errors: [{ messageId: 'ignored', line: 2, column: 1, endLine: 2, endColumn: 23, message: /CMD on line 4/ }],
      output: lines('FROM node:22.4.1', 'COPY . .', 'CMD ["node", "new.js"]'),
    },
    {
      name: 'two ENTRYPOINTs, the dead one last in the file without a final newline',
      code: 'FROM a:1.0.0\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
      errors: [{ messageId: 'ignored', line: 2, column: 1 }],
      output: 'FROM a:1.0.0\nENTRYPOINT ["b"]',
    },
  ],
});
