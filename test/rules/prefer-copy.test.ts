import rule from '../../server/src/rules/prefer-copy';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'archives are unpacked by ADD', code: lines('FROM a:1.0.0', 'ADD rootfs.tar.xz /') },
    { name: 'URLs', code: lines('FROM a:1.0.0', 'ADD https://example.com/a /a') },
    { name: 'variable source', code: lines('FROM a:1.0.0', 'ADD $ARCHIVE /opt/') },
    { name: 'a quoted archive is still an archive Docker unpacks', code: lines('FROM a:1.0.0', 'ADD "rootfs.tar.gz" /', "ADD 'app.tgz' /opt/") },
    { name: 'a glob may match archives', code: lines('FROM a:1.0.0', 'ADD dist/*.tar /opt/') },
    { name: 'ADD-only flags', code: lines('FROM a:1.0.0', 'ADD --keep-git-dir=true git@github.com:org/repo.git /src') },
  ],
  invalid: [
    {
      name: 'ADD of local files',
      code: lines('FROM a:1.0.0', 'ADD --chown=app:app src/ /app/src/'),
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endColumn: 4 }],
      output: lines('FROM a:1.0.0', 'COPY --chown=app:app src/ /app/src/'),
    },
    {
      name: 'lower case, CRLF',
      code: 'FROM a:1.0.0\r\nadd . /app\r\n',
      errors: [{ messageId: 'useCopy', line: 2, column: 1 }],
      output: 'FROM a:1.0.0\r\nCOPY . /app\r\n',
    },
  ],
});
