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
      // Gogs' Dockerfile.next: the program serves git over SSH itself; nothing installs sshd.
      name: 'EXPOSE 22 on a known base where nothing installs an SSH server: info, the removal as a suggestion',
      code: lines('FROM alpine:3.23.0', 'RUN apk add --no-cache openssh-keygen git', 'EXPOSE 22 3000', 'CMD ["/app/gogs", "web"]'),
      errors: [
        {
          messageId: 'sshPortOnly',
          line: 3,
          column: 8,
          severity: 'info',
          message: /nothing here installs an SSH server/,
          suggestions: [{ output: lines('FROM alpine:3.23.0', 'RUN apk add --no-cache openssh-keygen git', 'EXPOSE 3000', 'CMD ["/app/gogs", "web"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'an SSH server installed on a known base: the warning and the removal',
      code: lines('FROM debian:12.8', 'RUN apt-get update && apt-get install -y --no-install-recommends openssh-server', 'EXPOSE 22'),
      errors: [{ messageId: 'ssh', line: 3, column: 8, severity: 'warning' }],
      output: null,
    },
    {
      // Gogs' own image: its sshd_config allows the git user only, each key with a forced command.
      name: 'an sshd config in the context that limits logins: an SSH service, info',
      code: lines('FROM alpine:3.23.0', 'RUN apk add --no-cache openssh', 'COPY docker ./docker', 'EXPOSE 22 3000'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'docker', 'docker/sshd_config'], ignoreFile: null, restrictedSsh: ['docker/sshd_config'] },
      errors: [{ messageId: 'sshService', line: 4, column: 8, severity: 'info', suggestions: [] }],
      output: null,
    },
    {
      // Gogs' Dockerfile.next, next to the legacy image's sshd_config: its own image installs no sshd.
      name: 'a limiting sshd config in the context, but no SSH server in this image: the port note',
      code: lines('FROM alpine:3.23.0', 'RUN apk add --no-cache openssh-keygen', 'EXPOSE 22'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'docker', 'docker/sshd_config'], ignoreFile: null, restrictedSsh: ['docker/sshd_config'] },
      errors: [{ messageId: 'sshPortOnly', line: 3, column: 8, severity: 'info' }],
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
