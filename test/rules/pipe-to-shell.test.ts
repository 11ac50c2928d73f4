import rule from '../../server/src/rules/pipe-to-shell';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'download, verify, then run', code: lines('FROM a:1.0.0', 'RUN curl -fsSLo install.sh https://x/install.sh && echo "abc  install.sh" | sha256sum -c && sh install.sh') },
    { name: 'piping into something that is not an interpreter', code: lines('FROM a:1.0.0', 'RUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg') },
    { name: 'heredoc for another interpreter', code: lines('FROM a:1.0.0', 'RUN <<EOT python3', 'import urllib.request', 'EOT') },
    { name: 'heredoc redirect feeding a file', code: lines('FROM a:1.0.0', 'RUN cat <<EOF > /etc/motd', 'curl | sh is not run here', 'EOF') },
    { name: 'tar', code: lines('FROM a:1.0.0', 'RUN wget -qO- https://x/a.tar.gz | tar xz') },
  ],
  invalid: [
    { name: 'curl | sh', code: lines('FROM a:1.0.0', 'RUN curl -fsSL https://get.example.com | sh'), errors: [{ messageId: 'piped', line: 2, column: 5, endColumn: 44 }], output: null },
    {
      name: 'wget | sudo bash, in a chain',
      code: lines('FROM a:1.0.0', 'RUN apt-get update && wget -qO- https://x/setup | sudo -E bash -'),
      errors: [{ messageId: 'piped', line: 2, column: 23 }],
      output: null,
    },
    { name: 'bash <(curl …)', code: lines('FROM a:1.0.0', 'RUN bash <(curl -s https://x/install)'), errors: [{ messageId: 'substituted', line: 2, column: 5 }], output: null },
    {
      name: 'sh -c "$(curl …)" on a continuation line',
      code: lines('FROM a:1.0.0', 'RUN set -e; \\', '    sh -c "$(curl -fsSL https://x/install.sh)"'),
      errors: [{ messageId: 'substituted', line: 3, column: 5 }],
      output: null,
    },
    { name: 'heredoc run by bash', code: lines('FROM a:1.0.0', 'RUN <<EOT bash -e', 'curl -fsSL https://x | sh', 'EOT'), errors: [{ messageId: 'piped', line: 3, column: 1 }], output: null },
    { name: 'in a heredoc', code: lines('FROM a:1.0.0', 'RUN <<EOF', 'curl -fsSL https://x | python3 -', 'EOF'), errors: [{ messageId: 'piped', line: 3, column: 1 }], output: null },
  ],
});
