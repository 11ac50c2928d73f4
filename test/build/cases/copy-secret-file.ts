import assert from 'node:assert/strict';
import type { BuiltImage, CaseContext, RuleCases } from '../buildCase';
import { nodeProject } from '../projects';

const TOKEN = 'npm_tok-9d2c4e1a-build-only';
// npm reads the project's (or the user's) .npmrc: `fund=false` shows it was read; the
// token is what must not ship.
const NPMRC = `fund=false\n//registry.example.com/:_authToken=${TOKEN}\n`;

async function assertTokenGone(image: BuiltImage): Promise<void> {
  assert.ok(!(await image.history()).some((step) => step.includes(TOKEN)), 'the token is in the image history');
  const grep = await image.exec(['sh', '-c', `grep -rl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev '${TOKEN}' / 2>/dev/null; true`]);
  assert.equal(grep.stdout.trim(), '', `the token is in ${grep.stdout}`);
}

/** The build still read the file (same output), and the fixed image does not hold it. */
async function readButNotKept({ before, after }: CaseContext, configPath: string): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  assert.match(is.stdout, /fund=false/, 'the build did not read the config');
  assert.ok((await before.files()).has(configPath), 'the original does not keep the file: the case proves nothing');
  assert.ok(!(await after.files()).has(configPath), `${configPath} is still in the image`);
  await assertTokenGone(after);
}

const SECRETS = { npmrc: NPMRC };
const files = (options?: Parameters<typeof nodeProject>[0]) => ({ ...nodeProject(options), '.npmrc': NPMRC });

const cases: RuleCases = {
  rule: 'copy-secret-file',
  cases: [
    {
      name: 'COPY .npmrc before npm ci',
      dockerfile:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY vendor vendor\nCOPY .npmrc ./\nRUN npm ci --omit=dev && echo "fund=$(npm config get fund)" > /app/config.txt\nCOPY src src\nCMD ["cat", "/app/config.txt"]\n',
      files: files(),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: (context) => readButNotKept(context, '/app/.npmrc'),
    },
    {
      name: 'the common COPY .npmrc … && rm -f .npmrc',
      dockerfile:
        'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCOPY .npmrc .npmrc\nRUN npm ci --omit=dev \\\n && echo "fund=$(npm config get fund)" > /app/config.txt \\\n && rm -f .npmrc\nCMD ["cat", "/app/config.txt"]\n',
      files: files(),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: async (context) => {
        const [was, is] = [await context.before.command(), await context.after.command()];
        assert.equal(is.code, 0, is.stderr);
        assert.equal(is.stdout, was.stdout);
        assert.match(is.stdout, /fund=false/, 'the build did not read the config');
        await assertTokenGone(context.after);
      },
    },
    {
      name: "the user's ~/.npmrc, in a set -eux chain",
      dockerfile: [
        'FROM node:20',
        'WORKDIR /srv/api',
        'COPY . .',
        'COPY .npmrc /root/.npmrc',
        'RUN set -eux; \\',
        '    npm ci; \\',
        '    echo "fund=$(npm config get fund)" > config.txt;',
        'CMD ["cat", "/srv/api/config.txt"]',
        '',
      ].join('\n'),
      files: files(),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: (context) => readButNotKept(context, '/root/.npmrc'),
    },
    {
      name: 'a dependency stage whose node_modules the runtime copies',
      dockerfile: [
        'FROM node:20 AS deps',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'COPY vendor vendor',
        'COPY .npmrc .',
        'RUN npm ci --omit=dev && echo "fund=$(npm config get fund)" > config.txt',
        '',
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY --from=deps /app /app',
        'COPY src src',
        'CMD ["cat", "/app/config.txt"]',
        '',
      ].join('\n'),
      files: files(),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: (context) => readButNotKept(context, '/app/.npmrc'),
    },
    {
      name: 'two RUNs read it: install, then the build script',
      dockerfile: [
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY .npmrc ./',
        'COPY . .',
        'RUN npm ci',
        'RUN npm run build && echo "fund=$(npm config get fund)" > config.txt',
        'CMD ["cat", "/app/config.txt"]',
        '',
      ].join('\n'),
      files: files({ build: true }),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: (context) => readButNotKept(context, '/app/.npmrc'),
    },
    {
      name: 'npm run as the node user, the file copied with --chown',
      dockerfile: [
        'FROM node:20-slim',
        'RUN mkdir -p /home/node/app && chown node:node /home/node/app',
        'WORKDIR /home/node/app',
        'COPY --chown=node:node package.json package-lock.json ./',
        'COPY --chown=node:node vendor vendor',
        'COPY --chown=node:node .npmrc /home/node/.npmrc',
        'USER node',
        'RUN npm ci --omit=dev && echo "fund=$(npm config get fund)" > config.txt',
        'CMD ["cat", "/home/node/app/config.txt"]',
        '',
      ].join('\n'),
      files: files(),
      secrets: SECRETS,
      fix: /Mount \.npmrc as a build secret/,
      behaviour: (context) => readButNotKept(context, '/home/node/.npmrc'),
    },
  ],
};
export default cases;
