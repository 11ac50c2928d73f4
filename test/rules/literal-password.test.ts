import rule from '../../server/src/rules/literal-password';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'password from a build secret', code: lines('FROM debian:12.8', 'RUN --mount=type=secret,id=pw echo "app:$(cat /run/secrets/pw)" | chpasswd') },
    { name: "password from a variable is the secret-argument rules' business", code: lines('FROM debian:12.8', 'ARG PW', 'RUN echo "root:${PW}" | chpasswd') },
    { name: 'a locked account', code: lines('FROM debian:12.8', "RUN useradd -p '!' -m app && usermod -p '*' app") },
    { name: "an empty password is privilege-escalation's", code: lines('FROM debian:12.8', "RUN usermod -p '' app") },
    { name: 'chpasswd reading a file the build got otherwise', code: lines('FROM debian:12.8', 'RUN chpasswd < /tmp/users && rm /tmp/users') },
    { name: 'passwd without --stdin asks on a terminal', code: lines('FROM debian:12.8', 'RUN echo hello | passwd app') },
  ],
  invalid: [
    {
      name: 'echo user:password into chpasswd (the value is not in the message)',
      code: lines('FROM debian:12.8', "RUN useradd -m app && echo 'root:Sup3rSecret' | chpasswd"),
      errors: [{ messageId: 'fed', line: 2, column: 23 }],
      output: null,
    },
    {
      name: 'printf into passwd --stdin, after sudo',
      code: lines('FROM fedora:41', 'RUN printf "hunter2\\n" | sudo passwd --stdin app'),
      errors: [{ messageId: 'fed', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'usermod -p with a literal hash',
      code: lines('FROM debian:12.8', "RUN usermod -p '$6$salt$abcdefgh' app"),
      errors: [{ messageId: 'option', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'useradd --password= in a chain',
      code: lines('FROM debian:12.8', 'RUN set -eux; useradd --password=abc123 -m app;'),
      errors: [{ messageId: 'option', line: 2, column: 15 }],
      output: null,
    },
  ],
});
