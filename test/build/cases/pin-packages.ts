import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';
import { nodeProject } from '../projects';

/** npm ci installs exactly the lockfile: the same dependency tree and the same output. */
async function sameInstall({ before, after }: CaseContext, app: string): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  const modules = async (image: CaseContext['after']) =>
    [...(await image.files())]
      .filter(([p]) => p.startsWith(`${app}/node_modules/`) && !p.includes('/.package-lock.json'))
      .map(([p, s]) => `${p} ${s}`)
      .sort();
  const installed = await modules(after);
  assert.ok(
    installed.some((line) => line.startsWith(`${app}/node_modules/greeting `)),
    'npm ci installed nothing',
  );
  assert.deepEqual(installed, await modules(before));
}

// "Use npm ci" must install the same tree from the lockfile, wherever the install sits.
const cases: RuleCases = {
  rule: 'pin-packages',
  cases: [
    {
      name: 'a bare npm install',
      dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "src/server.js"]\n',
      files: nodeProject(),
      fix: /Use npm ci/,
      behaviour: (context) => sameInstall(context, '/app'),
    },
    {
      name: 'npm i --omit=dev with a cache clean',
      dockerfile:
        'FROM node:20-slim\nWORKDIR /srv/api\nCOPY package.json package-lock.json ./\nCOPY vendor vendor\nRUN npm i --omit=dev && npm cache clean --force\nCOPY src src\nCMD ["node", "src/server.js"]\n',
      files: nodeProject(),
      fix: /Use npm ci/,
      behaviour: (context) => sameInstall(context, '/srv/api'),
    },
    {
      name: 'a set -eux chain with trailing semicolons',
      dockerfile: [
        'FROM node:20',
        'WORKDIR /app',
        'COPY . .',
        'RUN set -eux; \\',
        '    npm install --no-audit --no-fund; \\',
        '    node src/server.js > /app/smoke.txt;',
        'CMD ["cat", "/app/smoke.txt"]',
        '',
      ].join('\n'),
      files: nodeProject(),
      fix: /Use npm ci/,
      behaviour: (context) => sameInstall(context, '/app'),
    },
    {
      name: "cd into a subfolder first, as the image's node user",
      dockerfile: ['FROM node:20-slim', 'WORKDIR /home/node', 'COPY --chown=node:node . api/', 'USER node', 'RUN cd api && npm install', 'CMD ["node", "api/src/server.js"]', ''].join('\n'),
      files: nodeProject(),
      fix: /Use npm ci/,
      behaviour: (context) => sameInstall(context, '/home/node/api'),
    },
    {
      name: 'npm install with a comment inside the continuation and || true after it',
      dockerfile: [
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY . .',
        'RUN npm install \\',
        '# production only',
        '      --omit=dev \\',
        ' && (npm ls --omit=dev || true)',
        'CMD ["node", "src/server.js"]',
        '',
      ].join('\n'),
      files: nodeProject(),
      fix: /Use npm ci/,
      behaviour: (context) => sameInstall(context, '/app'),
    },
  ],
};
export default cases;
