import rule from '../../server/src/rules/hardcoded-secret';
import { lines, runRuleTests } from '../ruleTester';

const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

runRuleTests(rule, {
  valid: [
    { name: 'variables in URLs are not literal passwords', code: lines('FROM a:1.0.0', 'RUN git clone https://x-access-token:${GITHUB_TOKEN}@github.com/org/repo.git') },
    { name: 'URLs without credentials', code: lines('FROM a:1.0.0', 'ADD https://example.com/file.tar.gz /tmp/') },
    {
      name: 'checksums and GPG fingerprints',
      code: lines('FROM a:1.0.0', 'ENV NODE_SHA256=0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5', 'ENV GPG_KEYS=4ED778F539E3634C779C87C6D7062848A1AB005C'),
    },
    {
      name: 'placeholder credentials in a URL (seen in the corpus)',
      code: lines('FROM a:1.0.0', 'ENV DATABASE_URL="postgresql://user:pass@localhost:5432/dummy"', 'ENV DB="postgresql://placeholder:placeholder@localhost:5432/x"'),
    },
    { name: 'public key header', code: lines('FROM a:1.0.0', 'RUN echo "-----BEGIN PUBLIC KEY-----" > /k.pub') },
  ],
  invalid: [
    {
      name: 'GitHub token in an ENV, masked',
      code: lines('FROM a:1.0.0', `ENV GH=${GH}`),
      errors: [{ messageId: 'token', line: 2, column: 8, endColumn: 48, message: /a GitHub token \(ghp_…\)/ }],
      output: null,
      secret: GH.slice(4),
    },
    {
      name: 'AWS key in a RUN continuation line',
      code: lines('FROM a:1.0.0', 'RUN aws configure set aws_access_key_id \\', '    AKIAABCDEFGHIJKLMNOP'),
      errors: [{ messageId: 'token', line: 3, column: 5, message: /AWS access key \(AKIA…\)/ }],
      output: null,
      secret: 'ABCDEFGHIJKLMNOP',
    },
    {
      name: 'password in a URL',
      code: lines('FROM a:1.0.0', 'ENV DATABASE_URL=postgres://app:Sup3rS3cret@db:5432/app'),
      errors: [{ messageId: 'token', line: 2, column: 18, message: /postgres:\/\/app:\*\*\*\*@/ }],
      output: null,
      secret: 'Sup3rS3cret',
    },
    {
      name: 'private key inside a heredoc',
      code: lines('FROM a:1.0.0', 'COPY <<EOF /root/.ssh/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAA', '-----END OPENSSH PRIVATE KEY-----', 'EOF'),
      errors: [{ messageId: 'token', line: 3, column: 1 }],
      output: null,
      secret: 'b3BlbnNzaC1rZXktdjEAAAAA',
    },
    {
      name: 'in a comment too: comments are in the repository',
      code: lines('FROM a:1.0.0', '# old token: glpat-abcdefghij0123456789xyz'),
      errors: [{ messageId: 'token', line: 2, column: 14, message: /GitLab token \(glpat-…\)/ }],
      output: null,
      secret: 'abcdefghij0123456789xyz',
    },
  ],
});
