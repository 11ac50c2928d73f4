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
      // Nextcloud AIO's apache, clamav, talk-recording and whiteboard images: log, pid, config and
      // temp folders opened in images that run as one uid, with no second user to use or abuse them.
      name: 'runtime folders and /tmp of an image that runs as one unprivileged user',
      code: lines(
        'FROM debian:12.8',
        'RUN mkdir -p /var/run/supervisord /conf && chmod 777 /var/run/supervisord /conf && chmod -R 777 /tmp',
        'COPY --chmod=777 start.sh.conf /conf/recording.conf',
        'USER 33',
      ),
    },
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
    {
      // Nextcloud AIO's talk image: runtime folders of a one-user image are nobody else's to write; its binaries stay a warning.
      name: 'an image that runs as one unprivileged user: runtime folders are not reported, code is',
      code: lines(
        'FROM debian:12.8',
        'COPY --chmod=777 --chown=1000:1000 nats-server /usr/local/bin/nats-server',
        'RUN mkdir -p /conf /var/log/supervisord && chmod 777 /tmp /conf /var/log/supervisord',
        'RUN chmod -R 777 /opt/app/bin',
        'USER 1000',
      ),
      errors: [
        {
          messageId: 'copyChmod',
          line: 2,
          column: 14,
          severity: 'warning',
          suggestions: [
            {
              output: lines(
                'FROM debian:12.8',
                'COPY --chmod=775 --chown=1000:1000 nats-server /usr/local/bin/nats-server',
                'RUN mkdir -p /conf /var/log/supervisord && chmod 777 /tmp /conf /var/log/supervisord',
                'RUN chmod -R 777 /opt/app/bin',
                'USER 1000',
              ),
            },
          ],
        },
        {
          messageId: 'worldWritable',
          line: 4,
          column: 14,
          severity: 'warning',
          suggestions: [
            {
              output: lines(
                'FROM debian:12.8',
                'COPY --chmod=777 --chown=1000:1000 nats-server /usr/local/bin/nats-server',
                'RUN mkdir -p /conf /var/log/supervisord && chmod 777 /tmp /conf /var/log/supervisord',
                'RUN chmod -R 775 /opt/app/bin',
                'USER 1000',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Nextcloud's own image runs supervisord as root, which writes the log folder: a warning.
      name: 'an image whose last USER is root keeps the warning',
      code: lines('FROM debian:12.8', 'USER www-data', 'RUN chmod 777 /var/log/supervisord', 'USER root'),
      errors: [
        {
          messageId: 'worldWritable',
          line: 3,
          column: 11,
          severity: 'warning',
          suggestions: [{ output: lines('FROM debian:12.8', 'USER www-data', 'RUN chmod 775 /var/log/supervisord', 'USER root') }],
        },
      ],
      output: null,
    },
    {
      // Nextcloud AIO: `chmod -R 777 /tmp` in an image that runs as root.
      name: 'chmod 777 on /tmp drops the sticky bit: a hint, with 1777 as the suggestion',
      code: lines('FROM debian:12.8', 'RUN chmod -R 777 /tmp'),
      errors: [{ messageId: 'tempFolder', line: 2, column: 14, severity: 'hint', suggestions: [{ output: lines('FROM debian:12.8', 'RUN chmod -R 1777 /tmp') }] }],
      output: null,
    },
    { name: 'COPY --chmod symbolic o+w', code: lines('FROM a:1.0.0', 'COPY --chmod=o+w data /data'), errors: [{ messageId: 'copyChmod', line: 2, column: 14, suggestions: [] }], output: null },
  ],
});
