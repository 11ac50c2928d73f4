import rule from '../../server/src/rules/privilege-escalation';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      // zabbix agent2's SMART plugin: a grant that names a program which is no way to a shell.
      name: 'NOPASSWD for one program that starts no shell and writes no files given to it',
      code: lines('FROM alpine:3.21.2', 'RUN echo "zabbix ALL=(root) NOPASSWD: /usr/sbin/smartctl" >> /etc/sudoers.d/zabbix', 'USER zabbix'),
    },
    {
      name: 'a user with a locked password and sudo for one command is not checked',
      code: lines('FROM debian:12.8', "RUN useradd -m app && passwd -l app && echo 'app ALL=(root) /usr/bin/apt-get' > /etc/sudoers.d/app"),
    },
    { name: 'ordinary modes and the sticky bit', code: lines('FROM debian:12.8', 'RUN chmod 0755 /usr/local/bin/app && chmod 1777 /scratch && chmod u+x,g+r /app') },
    {
      name: 'setgid on a folder only passes its group on (the dev-container idiom)',
      code: lines('FROM debian:12.8', 'RUN mkdir -p /usr/local/share/npm-global && chmod g+s /usr/local/share/npm-global && chmod 2775 /srv/shared'),
    },
    { name: 'removing setuid bits is the opposite', code: lines('FROM debian:12.8', 'RUN find / -perm /6000 -type f -exec chmod a-s {} + || true') },
    { name: 'NOPASSWD written somewhere other than sudoers', code: lines('FROM debian:12.8', "RUN echo 'NOPASSWD is not used here' > /etc/motd") },
    { name: 'COPY with an ordinary --chmod', code: lines('FROM debian:12.8', 'COPY --chmod=0755 app /usr/local/bin/app') },
    { name: 'a build stage that is not shipped', code: lines('FROM debian:12.8 AS build', 'RUN chmod u+s /tmp/helper', 'FROM debian:12.8', 'COPY --from=build /tmp/out /out') },
  ],
  invalid: [
    {
      name: 'passwd -d leaves an account open to su',
      code: lines('FROM debian:12.8', 'RUN passwd -d root'),
      errors: [{ messageId: 'emptyPassword', line: 2, column: 5 }],
      output: null,
    },
    {
      name: "usermod -p '' is the same",
      code: lines('FROM debian:12.8', "RUN useradd -m app && usermod -p '' app"),
      errors: [{ messageId: 'emptyPassword', line: 2, column: 23 }],
      output: null,
    },
    {
      name: 'NOPASSWD appended to sudoers.d with a redirect (the devcontainer idiom, on a shipped image)',
      code: lines('FROM ubuntu:24.04', 'RUN useradd -m app && echo "app ALL=(root) NOPASSWD:ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app', 'USER app'),
      errors: [{ messageId: 'nopasswd', line: 2, column: 23 }],
      output: null,
    },
    {
      name: "setuid beside passwordless sudo (code-server's fixuid): said once, at info, pointing at the sudo line",
      code: lines(
        'FROM debian:13.1 AS base',
        'RUN useradd -m coder && echo "coder ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers.d/nopasswd',
        'FROM base',
        'RUN chown root:root /usr/local/bin/fixuid && chmod 4755 /usr/local/bin/fixuid',
        'COPY --chmod=4755 helper /usr/local/bin/helper',
        'USER 1000',
      ),
      errors: [
        { messageId: 'nopasswd', line: 2, column: 25 },
        { messageId: 'setuidBesideSudo', line: 4, column: 52, severity: 'info' },
        { messageId: 'copySetuidBesideSudo', line: 5, column: 14, severity: 'info' },
      ],
      output: null,
    },
    {
      name: 'NOPASSWD for programs that are ways to a root shell names only those, at info',
      code: lines('FROM alpine:3.21.2', 'RUN echo "app ALL=(root) NOPASSWD: /usr/sbin/smartctl, /usr/bin/vim /etc/app.conf, /opt/tools/*" >> /etc/sudoers.d/app', 'USER app'),
      errors: [{ messageId: 'nopasswdScoped', line: 2, column: 5, severity: 'info', message: /run \/usr\/bin\/vim \/etc\/app\.conf, \/opt\/tools\/\* as root without a password/ }],
      output: null,
    },
    {
      name: 'NOPASSWD for a list that includes ALL is full sudo',
      code: lines('FROM alpine:3.21.2', 'RUN echo "app ALL=(ALL) NOPASSWD: /usr/bin/apt, ALL" > /etc/sudoers.d/app'),
      errors: [{ messageId: 'nopasswd', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'NOPASSWD through tee',
      code: lines('FROM ubuntu:24.04', "RUN echo 'app ALL=(ALL) NOPASSWD: ALL' | tee -a /etc/sudoers"),
      errors: [{ messageId: 'nopasswd', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'NOPASSWD in a heredoc written to sudoers.d',
      code: lines('FROM ubuntu:24.04', 'RUN <<EOF', 'cat > /etc/sudoers.d/app <<SUDO', 'app ALL=(ALL) NOPASSWD: ALL', 'SUDO', 'EOF'),
      errors: [{ messageId: 'nopasswd', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'setuid bits, octal and symbolic',
      code: lines('FROM debian:12.8', 'RUN chmod 4755 /usr/local/bin/helper && chmod u+s /usr/local/bin/other'),
      errors: [
        { messageId: 'setuid', line: 2, column: 11 },
        { messageId: 'setuid', line: 2, column: 47 },
      ],
      output: null,
    },
    {
      name: 'COPY --chmod with the setuid bit',
      code: lines('FROM debian:12.8', 'COPY --chmod=4755 helper /usr/local/bin/helper'),
      errors: [{ messageId: 'copySetuid', line: 2, column: 14 }],
      output: null,
    },
  ],
});
