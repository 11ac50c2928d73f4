import rule from '../../server/src/rules/add-url-without-checksum';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'with --checksum', code: lines('FROM a:1.0.0', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tar.gz /tmp/') },
    { name: 'local file', code: lines('FROM a:1.0.0', 'ADD app.tar.gz /opt/') },
    { name: 'a URL from a build argument without a default cannot be judged', code: lines('FROM a:1.0.0', 'ARG URL', 'ADD ${URL} /tmp/app.tar.gz') },
    { name: 'git repository pinned by ref', code: lines('FROM a:1.0.0', 'ADD https://github.com/moby/buildkit.git#v0.14.1 /src') },
  ],
  invalid: [
    {
      name: 'URL without checksum',
      code: lines('FROM a:1.0.0', 'ADD https://example.com/tool-1.2.3.tar.gz /tmp/'),
      errors: [{ messageId: 'unchecked', line: 2, column: 5, endColumn: 42 }],
      output: null,
    },
    {
      // invoiceninja: the whole application from releases/latest, through a build argument.
      name: 'a URL that is a build argument default; a query string stays out of the message',
      code: lines('FROM a:1.0.0', 'ARG URL=https://github.com/acme/app/releases/latest/download/app.tar.gz?token=abc', 'ADD ${URL} /tmp/app.tar.gz'),
      errors: [{ messageId: 'unchecked', line: 3, column: 5, message: /^ADD downloads https:\/\/github\.com\/acme\/app\/releases\/latest\/download\/app\.tar\.gz without --checksum/ }],
      output: null,
    },
  ],
});
