import assert from 'node:assert/strict';
import { chmod, copyFile } from 'node:fs/promises';
import { assertNonRootCanWrite } from '../behaviour';
import type { RuleCases } from '../buildCase';

// The new user must exist, the command must run as it, and it must still write where the
// app writes (its WORKDIR and its VOLUMEs); the code root copied in stays root's.
const cases: RuleCases = {
  rule: 'no-root-user',
  cases: [
    {
      name: 'Debian: the app writes a state file into its WORKDIR',
      dockerfile: 'FROM debian:12-slim\nWORKDIR /app\nCOPY run.sh .\nCMD ["sh", "-c", "./run.sh > /app/state && cat /app/state && id -un"]\n',
      files: { 'run.sh': '#!/bin/sh\necho running\n' },
      prepare: (dir) => chmod(`${dir}/run.sh`, 0o755),
      fix: /Create an "app" system user .*let it write to \/app/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/app']);
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, 'running\napp\n');
        const code = await after.exec(['sh', '-c', 'echo x >> /app/run.sh']);
        assert.notEqual(code.code, 0, 'the app user can change the code root copied in');
      },
    },
    {
      name: 'python image with a VOLUME for data',
      dockerfile: "FROM python:3.11-slim\nWORKDIR /srv\nVOLUME /srv/data\nCMD [\"python3\", \"-c\", \"open('/srv/data/db', 'w').write('ok'); print(open('/srv/data/db').read())\"]\n",
      fix: /let it write to \/srv, \/srv\/data/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/srv', '/srv/data']);
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, 'ok\n');
      },
    },
    {
      name: 'a trailing USER root after the installs',
      dockerfile: 'FROM debian:12-slim\nRUN mkdir -p /opt/app && echo "echo hi" > /opt/app/start.sh\nUSER root\nCMD ["sh", "/opt/app/start.sh"]\n',
      fix: /Create an "app" system user/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, []);
        const run = await after.command();
        assert.equal(run.stdout, 'hi\n');
      },
    },
    {
      name: 'a user the Dockerfile creates itself',
      dockerfile: 'FROM debian:12-slim\nRUN useradd --uid 1500 --create-home worker\nWORKDIR /home/worker\nCMD ["sh", "-c", "touch /home/worker/ran && id -un"]\n',
      fix: /Run as the "worker" user \(1500\) created in this Dockerfile/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/home/worker']);
        const run = await after.command();
        assert.equal(run.stdout, 'worker\n');
      },
    },
    {
      name: 'multi-stage: the final stage of two, WORKDIR set in the parent stage',
      dockerfile: ['FROM debian:12-slim AS base', 'WORKDIR /srv/app', 'FROM base', 'RUN echo "echo served" > serve.sh', 'CMD ["sh", "-c", "sh serve.sh && echo log >> /srv/app/app.log"]', ''].join(
        '\n',
      ),
      fix: /let it write to \/srv\/app/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/srv/app']);
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, 'served\n');
      },
    },
    {
      name: "node image: its own node user, and the app's WORKDIR handed to it",
      dockerfile: ['FROM node:20-slim', 'WORKDIR /app', 'COPY server.js .', "RUN node -e \"require('fs').writeFileSync('/app/built', 'yes')\"", 'CMD ["node", "server.js"]', ''].join('\n'),
      files: { 'server.js': "const fs = require('fs');\nfs.writeFileSync('/app/cache.json', '{}');\nconsole.log(require('os').userInfo().username, fs.readFileSync('/app/built', 'utf8'));\n" },
      fix: /Run as the image's "node" user \(1000:1000\) and let it write to \/app/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/app']);
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, 'node yes\n');
      },
    },
    {
      name: 'FROM scratch with a static BusyBox: the nonroot UID, no passwd entry needed',
      dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]', 'CMD ["/bin/busybox", "id", "-u"]', ''].join('\n'),
      prepare: (dir) => copyFile('/bin/busybox', `${dir}/busybox`),
      fix: /Run as UID\/GID 65532 \(nonroot\)/,
      behaviour: async ({ after }) => {
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, '65532\n');
      },
    },
    {
      name: 'a team base image the linter does not know: a numeric user that can still write to /tmp',
      dockerfile: 'FROM registry.example.com/platform/runtime:3.2\nCOPY job.sh /usr/local/bin/job.sh\nCMD ["sh", "/usr/local/bin/job.sh"]\n',
      files: { 'job.sh': 'echo work > /tmp/out && cat /tmp/out && id -u\n' },
      fix: /Run as UID\/GID 10001:10001 \(numeric; no entry in \/etc\/passwd needed\)/,
      behaviour: async ({ after }) => {
        await assertNonRootCanWrite(after, ['/tmp']);
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, 'work\n10001\n');
        // A numeric user needs no passwd entry: the base has none for it.
        const passwd = await after.exec(['grep', '-c', ':10001:', '/etc/passwd']);
        assert.equal(passwd.stdout.trim(), '0');
      },
    },
  ],
};
export default cases;
