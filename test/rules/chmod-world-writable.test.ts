import rule from '../../server/src/rules/chmod-world-writable';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'owner and group only', code: lines('FROM a:1.0.0', 'RUN chmod 755 /app && chmod -R 0640 /etc/app && chmod u+x run.sh && chmod g+w /data') },
    {
      name: 'temporary folder removed in the same RUN (seen in the corpus)',
      code: lines('FROM a:1.0.0', 'RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && build "$tempDir" && rm -rf "$tempDir"'),
    },
    { name: 'sticky shared temp folder', code: lines('FROM a:1.0.0', 'RUN chmod 1777 /tmp/shared') },
    {
      name: 'COPY --chmod for owner and group',
      code: lines('FROM a:1.0.0', 'COPY --chmod=755 run.sh /usr/local/bin/', 'ADD --chmod=0640 --chown=app conf /etc/app/', 'COPY --chmod=u+x,g+x entry.sh /'),
    },
  ],
  invalid: [
    {
      name: 'chmod -R 777',
      code: lines('FROM a:1.0.0', 'RUN chmod -R 777 /app'),
      errors: [{ messageId: 'worldWritable', line: 2, column: 14, endColumn: 17, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN chmod -R 775 /app') }] }],
      output: null,
    },
    {
      name: '0666',
      code: lines('FROM a:1.0.0', 'RUN touch /log && chmod 0666 /log'),
      errors: [{ messageId: 'worldWritable', line: 2, column: 25, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN touch /log && chmod 0664 /log') }] }],
      output: null,
    },
    { name: 'symbolic a+rwx', code: lines('FROM a:1.0.0', 'RUN chmod a+rwx /srv'), errors: [{ messageId: 'worldWritable', line: 2, column: 11, suggestions: [] }], output: null },
    {
      // authelia: a world-writable env file that the root health check sources.
      name: 'COPY --chmod=666 and ADD --chmod=0777',
      code: lines('FROM a:1.0.0', 'COPY --chmod=666 .healthcheck.env /app/', 'ADD --chown=app --chmod=0777 tools /opt/tools'),
      errors: [
        {
          messageId: 'copyChmod',
          line: 2,
          column: 14,
          endColumn: 17,
          message: /COPY --chmod=666/,
          suggestions: [
            {
              title: 'Use --chmod=664 instead (others may read, not write)',
              output: lines('FROM a:1.0.0', 'COPY --chmod=664 .healthcheck.env /app/', 'ADD --chown=app --chmod=0777 tools /opt/tools'),
            },
          ],
        },
        { messageId: 'copyChmod', line: 3, column: 25, suggestions: [{ output: lines('FROM a:1.0.0', 'COPY --chmod=666 .healthcheck.env /app/', 'ADD --chown=app --chmod=0775 tools /opt/tools') }] },
      ],
      output: null,
    },
    { name: 'COPY --chmod symbolic o+w', code: lines('FROM a:1.0.0', 'COPY --chmod=o+w data /data'), errors: [{ messageId: 'copyChmod', line: 2, column: 14, suggestions: [] }], output: null },
  ],
});
