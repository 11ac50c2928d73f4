import type { RuleCases } from '../buildCase';

// Removing sudo is safe only where the step already runs as root; under a base image that
// runs as a user, sudo is what gives the step root, so the removal is not offered as safe.
const sudoBase = 'registry.example.com/platform/debian-sudo:12';
const cases: RuleCases = {
  rule: 'no-sudo',
  cases: [
    {
      name: 'USER root before the step',
      dockerfile: `FROM ${sudoBase}\nUSER root\nRUN sudo mkdir -p /opt/tool && sudo chown app /opt/tool\nUSER app\nCMD ["stat", "-c", "%A %U:%G %N", "/opt/tool"]\n`,
      fix: 'safe',
    },
    {
      name: 'USER 0 and a set -eux chain',
      dockerfile: `FROM ${sudoBase}\nUSER 0\nRUN set -eux; \\\n    sudo touch /etc/tool.conf; \\\n    sudo chmod 0644 /etc/tool.conf;\nCMD ["stat", "-c", "%a %U", "/etc/tool.conf"]\n`,
      fix: 'safe',
    },
    {
      name: 'official Debian image, sudo installed in an earlier step',
      dockerfile:
        'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\nRUN sudo mkdir /data\nCMD ["stat", "-c", "%A %U:%G %N", "/data"]\n',
      fix: 'safe',
    },
    {
      name: 'USER root in a parent stage',
      dockerfile: `FROM ${sudoBase} AS base\nUSER root\nFROM base\nRUN sudo ln -s /usr/bin/true /usr/local/bin/ok\nCMD ["stat", "-c", "%A %U:%G %N", "/usr/local/bin/ok"]\n`,
      fix: 'safe',
    },
    {
      name: 'sudo with a comment inside the continuation',
      dockerfile: `FROM ${sudoBase}\nUSER root\nRUN sudo mkdir /srv/data \\\n    # the app writes here\n    && sudo chown app:app /srv/data\nCMD ["stat", "-c", "%A %U:%G %N", "/srv/data"]\n`,
      fix: 'safe',
    },
    {
      name: 'an unknown base image that runs as a user',
      dockerfile: `FROM ${sudoBase}\nRUN sudo mkdir /opt/tool\nCMD ["stat", "-c", "%A %U:%G %N", "/opt/tool"]\n`,
      fix: 'withheld',
    },
    {
      name: 'a USER switch to the app user before the step',
      dockerfile: `FROM ${sudoBase}\nUSER root\nRUN mkdir /work\nUSER app\nRUN sudo chown app /work\nCMD ["stat", "-c", "%A %U:%G %N", "/work"]\n`,
      fix: 'withheld',
    },
  ],
};
export default cases;
