import rule from '../../server/src/rules/healthcheck-multiple';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [{ name: 'one per stage', code: lines('FROM a:1.0.0 AS one', 'HEALTHCHECK CMD true', 'FROM b:1.0.0', 'HEALTHCHECK CMD true') }],
  invalid: [
    {
      name: 'the earlier HEALTHCHECK is removed',
      code: lines('FROM nginx:1.27.0', 'HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1', 'HEALTHCHECK --interval=5s \\', '  CMD curl -f http://127.0.0.1/ || exit 1'),
      errors: [{ messageId: 'ignored', line: 2, column: 1, message: /line 3/ }],
      output: lines('FROM nginx:1.27.0', 'HEALTHCHECK --interval=5s \\', '  CMD curl -f http://127.0.0.1/ || exit 1'),
    },
    {
      name: 'three checks, CRLF',
      code: 'FROM nginx:1.27.0\r\nHEALTHCHECK NONE\r\nHEALTHCHECK CMD true\r\nHEALTHCHECK CMD false\r\n',
      errors: [
        { messageId: 'ignored', line: 2, column: 1 },
        { messageId: 'ignored', line: 3, column: 1 },
      ],
      output: 'FROM nginx:1.27.0\r\nHEALTHCHECK CMD false\r\n',
    },
  ],
});
