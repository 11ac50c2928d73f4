import rule from '../../server/src/rules/instruction-arguments';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'a user, ports with protocols and a range', code: lines('FROM debian:12.8', 'EXPOSE 80 443/tcp 53/udp 8000-8010', 'USER app') },
    { name: 'ports from variables: by their default, or not judged without one', code: lines('FROM debian:12.8', 'ARG PORT=8080', 'ARG OTHER', 'EXPOSE $PORT ${OTHER}') },
  ],
  invalid: [
    {
      name: 'USER with nothing after it',
      code: lines('FROM debian:12.8', 'USER', 'CMD ["app"]'),
      errors: [{ messageId: 'userMissing', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'ports out of range or not ports, also through a variable default',
      code: lines('FROM debian:12.8', 'ARG PORT=70000', 'EXPOSE 99999 8080/http $PORT 0'),
      errors: [
        { messageId: 'badPort', line: 3, column: 8, severity: 'warning', message: /^EXPOSE 99999 is not a port/ },
        { messageId: 'badPort', line: 3, column: 14 },
        { messageId: 'badPort', line: 3, column: 24, message: /^EXPOSE 70000 / },
        { messageId: 'badPort', line: 3, column: 30 },
      ],
      output: null,
    },
  ],
});
