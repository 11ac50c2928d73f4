import rule from '../../server/src/rules/expose-ssh';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [{ name: 'other ports', code: lines('FROM a:1.0.0', 'EXPOSE 2222 8022/tcp 80') }],
  invalid: [
    { name: 'EXPOSE 22', code: lines('FROM a:1.0.0', 'EXPOSE 22'), errors: [{ messageId: 'ssh', line: 2, column: 8, suggestions: [{ output: lines('FROM a:1.0.0') }] }], output: null },
    {
      name: 'an SSH server image (seen in the corpus): info, no removal offered',
      code: lines('FROM alpine:3.20.1', 'EXPOSE 22', 'CMD ["/usr/sbin/sshd", "-D"]'),
      errors: [{ messageId: 'sshService', line: 2, column: 8, severity: 'info', suggestions: [] }],
      output: null,
    },
    {
      name: 'among other ports',
      code: lines('FROM a:1.0.0', 'EXPOSE 80 22/tcp 443'),
      errors: [{ messageId: 'ssh', line: 2, column: 11, suggestions: [{ output: lines('FROM a:1.0.0', 'EXPOSE 80 443') }] }],
      output: null,
    },
  ],
});
