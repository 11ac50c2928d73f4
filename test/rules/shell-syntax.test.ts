import rule from '../../server/src/rules/shell-syntax';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'a set -eux chain with trailing ";"', code: lines('FROM debian:12.5', 'RUN set -eux; \\', '    apt-get update; \\', '    apt-get install -y curl;') },
    { name: '"&&" then a comment line then the next command', code: lines('FROM debian:12.5', 'RUN apt-get update \\', '    # tools', '    && apt-get install -y curl') },
    { name: 'operators inside quotes and $( )', code: lines('FROM debian:12.5', 'RUN echo "a && ; b" \'| &&\' $(echo "; &&") && true') },
    { name: 'redirections with &', code: lines('FROM debian:12.5', 'RUN make >&2 2>&1 && ls &>/dev/null') },
    { name: 'case with ;;', code: lines('FROM debian:12.5', 'RUN case "$x" in a) echo a;; *) echo b;; esac') },
    { name: 'nested groups bash accepts (tree-sitter alone flags them)', code: lines('FROM debian:12.5', 'RUN if [ "$A" = 8 ] || { [ "$A" = 7 ] && { [ "$B" = 4 ]; }; }; then echo ok; fi') },
    { name: 'exec form', code: lines('FROM debian:12.5', 'RUN ["sh", "-c", "a; && b"]') },
  ],
  invalid: [
    {
      name: '"; &&" after a removed line',
      code: lines('FROM debian:12.5', 'RUN set -eux; \\', '    apt-get update; \\', '    && apt-get install -y curl'),
      errors: [{ messageId: 'dangling', line: 4, column: 5, message: /";" followed by "&&"/ }],
      output: null,
    },
    {
      name: 'a chain that ends in "&&"',
      code: lines('FROM debian:12.5', 'RUN apt-get update && \\', '    apt-get install -y curl &&', 'CMD ["bash"]'),
      errors: [{ messageId: 'dangling', line: 3, column: 29, message: /at the end/ }],
      output: null,
    },
    {
      name: '"&& &&" in a heredoc',
      code: lines('FROM debian:12.5', 'RUN <<EOF', 'apt-get update && && apt-get install -y curl', 'EOF'),
      errors: [{ messageId: 'dangling', line: 2, column: 5 }],
      output: null,
    },
  ],
});
