import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';

/** A pipe that succeeds: the image with pipefail on is the one without, same output. */
async function sameOutput({ before, after }: CaseContext): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  assert.notEqual(is.stdout.trim(), '', 'the command printed nothing: the case proves nothing');
}

// With pipefail, a pipe whose first command fails stops the build (the failure the original
// hid); a pipe that succeeds builds the same image.
const cases: RuleCases = {
  rule: 'pipe-without-pipefail',
  cases: [
    {
      name: 'BusyBox: a missing file piped into wc no longer builds',
      dockerfile: 'FROM busybox:1.36\nRUN cat /etc/app.conf | wc -l > /lines\nCMD ["cat", "/lines"]\n',
      fix: /set -o pipefail/,
      afterFails: /app\.conf.*No such file or directory/,
    },
    {
      name: 'BusyBox: a pipe that succeeds, in a set -eux chain',
      dockerfile: 'FROM busybox:1.36\nRUN set -eux; \\\n    cat /etc/passwd | grep -c root > /root-count;\nCMD ["cat", "/root-count"]\n',
      fix: /set -o pipefail/,
      behaviour: sameOutput,
    },
    {
      name: 'Debian: a missing archive piped into sort no longer builds',
      dockerfile: 'FROM debian:12-slim\nRUN mkdir -p /opt/notes && gzip -dc /tmp/notes.txt.gz | sort > /opt/notes/sorted\nCMD ["wc", "-c", "/opt/notes/sorted"]\n',
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      afterFails: /notes\.txt\.gz: No such file or directory/,
    },
    {
      name: 'Debian: two RUNs with pipes and a shell-form CMD, all under the new SHELL',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN cat /etc/os-release | cut -d= -f1 > /codename',
        'RUN set -eux; ls /usr/bin | sort | tr a-z A-Z > /first-tools;',
        'CMD cat /codename /first-tools | wc -l',
        '',
      ].join('\n'),
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      // (Docker runs the shell-form CMD with the SHELL too; buildah keeps /bin/sh -c for it.)
      behaviour: sameOutput,
    },
    {
      name: 'python image (Debian-based): a pipe from python into sort',
      dockerfile: 'FROM python:3.11-slim\nRUN python3 -c "print(3); print(1); print(2)" | sort -n > /sorted\nCMD ["cat", "/sorted"]\n',
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      behaviour: sameOutput,
    },
    {
      name: 'python image: a failing python command piped into tee no longer builds',
      dockerfile: 'FROM python:3.11-slim\nRUN python3 -c "import not_installed_module" | tee /import.log\nCMD ["cat", "/import.log"]\n',
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      afterFails: /ModuleNotFoundError/,
    },
  ],
};
export default cases;
