import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';
import { goProject, nodeProject } from '../projects';

/**
 * Installing before the source is copied must give the same image: the same files (the
 * manifests are copied twice with the same content) and the same output.
 */
async function sameImageInstallFirst({ before, after, fixed }: CaseContext, installLine: RegExp): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(was.code, 0, was.stderr);
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  const [filesBefore, filesAfter] = [await before.files(), await after.files()];
  const differ = [...new Set([...filesBefore.keys(), ...filesAfter.keys()])].filter(
    (p) => filesBefore.get(p) !== filesAfter.get(p) && !/^\/(root\/\.(npm|cache)|tmp)\b/.test(p) && !p.endsWith('/Dockerfile'),
  );
  assert.deepEqual(differ, [], 'the fixed image has other files');
  const lines = fixed.split('\n');
  const install = lines.findIndex((l) => installLine.test(l));
  const source = lines.findIndex((l) => /^COPY \.\/? /.test(l));
  assert.ok(install >= 0 && install < source, 'the install does not run before the source is copied');
}

const GO_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("tool 0.3") }\n';

const cases: RuleCases = {
  rule: 'copy-before-install',
  cases: [
    {
      name: 'npm ci after COPY . .',
      dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "src/server.js"]\n',
      files: nodeProject({ dependencies: false }),
      fix: /Copy package\.json and install before copying the source/,
      behaviour: (context) => sameImageInstallFirst(context, /^RUN npm ci/),
    },
    {
      name: 'npm install with no lockfile (the optional lockfile glob matches nothing)',
      dockerfile: 'FROM node:20-slim\nWORKDIR /srv/api\nCOPY . /srv/api\nENV NODE_ENV=production\nRUN npm install && npm cache clean --force\nCMD ["node", "src/server.js"]\n',
      files: nodeProject({ lock: false, dependencies: false }),
      fix: /Copy package\.json and install before copying the source/,
      behaviour: (context) => sameImageInstallFirst(context, /^RUN npm install/),
    },
    {
      name: 'pip install -r in a set -eux chain',
      dockerfile: [
        'FROM python:3.11-slim',
        'WORKDIR /app',
        'COPY . .',
        'RUN set -eux; \\',
        '    pip install --no-cache-dir -r requirements.txt; \\',
        '    python -c "import sys; print(sys.version_info[:2])" > /app/python-version;',
        'CMD ["python", "app.py"]',
        '',
      ].join('\n'),
      files: { 'requirements.txt': '# runtime dependencies (none yet)\n', 'app.py': 'print(open("/app/python-version").read().strip())\n' },
      fix: /Copy requirements\.txt and install before copying the source/,
      behaviour: (context) => sameImageInstallFirst(context, /^RUN set -eux/),
    },
    {
      name: 'go build: go.mod and go mod download first (no go.sum yet)',
      dockerfile: 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/tool .\nCMD ["tool"]\n',
      files: goProject(GO_MAIN, 'example.com/tool'),
      fix: /Copy go\.mod and download dependencies before the source/,
      behaviour: (context) => sameImageInstallFirst(context, /^RUN go mod download/),
    },
    {
      name: 'npm ci with a comment and a LABEL between the copy and the install',
      dockerfile: [
        'FROM node:20',
        'WORKDIR /app',
        'COPY ./ ./',
        'LABEL org.opencontainers.image.title="api"',
        '# Production dependencies only.',
        'RUN npm ci \\',
        '      --omit=dev',
        'CMD ["node", "src/server.js"]',
        '',
      ].join('\n'),
      files: nodeProject({ dependencies: false }),
      fix: /Copy package\.json and install before copying the source/,
      behaviour: (context) => sameImageInstallFirst(context, /^RUN npm ci/),
    },
  ],
};
export default cases;
