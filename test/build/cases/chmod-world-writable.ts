import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';

/** The image's command prints the mode of what was chmod-ed: others may no longer write. */
async function notWorldWritable({ after }: CaseContext): Promise<void> {
  const run = await after.command();
  assert.equal(run.code, 0, run.stderr);
  const mode = run.stdout.trim();
  assert.equal(Number.parseInt(mode, 8) & 0o002, 0, `still world-writable: ${mode}`);
}

const cases: RuleCases = {
  rule: 'chmod-world-writable',
  cases: [
    {
      name: 'chmod 777 on an app folder',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /srv/app && chmod 777 /srv/app\nCMD ["stat", "-c", "%a", "/srv/app"]\n',
      fix: /instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'chmod -R 0777 in a set -eux chain',
      dockerfile: 'FROM busybox:1.36\nRUN set -eux; mkdir -p /data/cache; chmod -R 0777 /data;\nCMD ["stat", "-c", "%a", "/data/cache"]\n',
      fix: /instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'chmod 0777 on a file',
      dockerfile: 'FROM busybox:1.36\nRUN echo data > /srv.conf && chmod 0777 /srv.conf\nCMD ["stat", "-c", "%a", "/srv.conf"]\n',
      fix: /instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'chmod 666 after a comment line in the continuation',
      dockerfile: 'FROM busybox:1.36\nRUN touch /app.log \\\n    # the app appends here\n    && chmod 666 /app.log\nCMD ["stat", "-c", "%a", "/app.log"]\n',
      fix: /instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'chmod 1777 keeps the sticky bit question to the user',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /shared && chmod 0777 /shared\nCMD ["stat", "-c", "%a", "/shared"]\n',
      fix: /instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'chmod -R 777 /tmp: 1777 keeps it writable for everyone and restores the sticky bit',
      dockerfile: 'FROM busybox:1.36\nRUN chmod -R 777 /tmp\nCMD ["sh", "-c", "touch /tmp/x && stat -c %a /tmp"]\n',
      fix: /Use 1777 instead/,
      behaviour: async ({ after }: CaseContext) => {
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout.trim(), '1777');
      },
    },
    {
      name: 'COPY --chmod=666 of an env file the app sources',
      dockerfile: 'FROM busybox:1.36\nCOPY --chmod=666 app.env /app/\nCMD ["sh", "-c", ". /app/app.env && test \\"$MODE\\" = prod && stat -c %a /app/app.env"]\n',
      files: { 'app.env': 'MODE=prod\n' },
      fix: /Use --chmod=664 instead/,
      behaviour: notWorldWritable,
    },
    {
      name: 'ADD --chown=1000 --chmod=0777 of a folder of scripts that still run',
      dockerfile: 'FROM busybox:1.36\nADD --chown=1000 --chmod=0777 tools /opt/tools\nCMD ["sh", "-c", "/opt/tools/hello.sh > /dev/null && stat -c %a /opt/tools/hello.sh"]\n',
      files: { 'tools/hello.sh': '#!/bin/sh\necho hello\n' },
      fix: /Use --chmod=0775 instead/,
      behaviour: notWorldWritable,
    },
  ],
};
export default cases;
