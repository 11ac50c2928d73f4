import assert from 'node:assert/strict';
import type { BuiltImage, RuleCases } from '../buildCase';
import { nodeProject } from '../projects';

const TOKEN = 'tok-3b9f1c7e-build-only';

/** The secret is nowhere in the fixed image: not its config, not a file's name or size… or text. */
async function assertSecretGone(image: BuiltImage): Promise<void> {
  assert.ok(!JSON.stringify(image.config).includes(TOKEN), 'the secret is in the image config');
  assert.ok(!(await image.history()).some((step) => step.includes(TOKEN)), 'the secret is in the image history');
  const grep = await image.exec(['sh', '-c', `grep -rl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev '${TOKEN}' / 2>/dev/null; true`]);
  assert.equal(grep.stdout.trim(), '', `the secret is in ${grep.stdout}`);
}

// A secret build argument becomes a secret mount: the build still sees the value (given
// with --secret), the image does not keep it.
const cases: RuleCases = {
  rule: 'secret-in-arg-env',
  cases: [
    {
      name: 'an ARG used in a RUN',
      dockerfile: 'FROM debian:12-slim\nARG NPM_TOKEN\nRUN test -n "$NPM_TOKEN" && echo "token has ${#NPM_TOKEN} characters" > /token-seen\nCMD ["cat", "/token-seen"]\n',
      secrets: { npm_token: TOKEN },
      buildArgs: { NPM_TOKEN: TOKEN },
      fix: /Pass NPM_TOKEN as a build secret/,
      behaviour: async ({ before, after }) => {
        // The original keeps it in its history (RUN lines carry their build arguments): the
        // history check below can fail.
        assert.ok(
          (await before.history()).some((step) => step.includes(TOKEN)),
          'the original does not show the secret in its history',
        );
        const run = await after.command();
        assert.equal(run.stdout, `token has ${TOKEN.length} characters\n`);
        await assertSecretGone(after);
      },
    },
    {
      name: 'a set -eux chain that writes and removes a credentials file',
      dockerfile: [
        'FROM debian:12-slim',
        'ARG GITHUB_TOKEN',
        'RUN set -eu; \\',
        '    printf "machine example.com password %s\\n" "$GITHUB_TOKEN" > /root/.netrc; \\',
        '    grep -c password /root/.netrc > /netrc-lines; \\',
        '    rm /root/.netrc;',
        'CMD ["cat", "/netrc-lines"]',
        '',
      ].join('\n'),
      secrets: { github_token: TOKEN },
      buildArgs: { GITHUB_TOKEN: TOKEN },
      fix: /Pass GITHUB_TOKEN as a build secret/,
      behaviour: async ({ after }) => {
        assert.equal((await after.command()).stdout, '1\n');
        await assertSecretGone(after);
      },
    },
    {
      name: 'used in a build stage whose output the final stage copies',
      dockerfile: [
        'FROM python:3.11-slim AS fetch',
        'ARG API_TOKEN',
        'RUN python3 -c "import os, sys; open(\'/out\', \'w\').write(str(len(sys.argv[1])))" "$API_TOKEN"',
        'FROM debian:12-slim',
        'COPY --from=fetch /out /seen',
        'CMD ["cat", "/seen"]',
        '',
      ].join('\n'),
      secrets: { api_token: TOKEN },
      buildArgs: { API_TOKEN: TOKEN },
      fix: /Pass API_TOKEN as a build secret/,
      behaviour: async ({ after }) => {
        assert.equal((await after.command()).stdout, String(TOKEN.length));
        await assertSecretGone(after);
      },
    },
    {
      name: 'the npm token written to a throw-away .npmrc around npm ci',
      dockerfile: [
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY . .',
        'ARG NPM_TOKEN',
        'RUN echo "//registry.example.com/:_authToken=${NPM_TOKEN}" > .npmrc \\',
        ' && npm ci --omit=dev \\',
        ' && rm -f .npmrc',
        'CMD ["node", "src/server.js"]',
        '',
      ].join('\n'),
      files: nodeProject(),
      secrets: { npm_token: TOKEN },
      buildArgs: { NPM_TOKEN: TOKEN },
      fix: /Pass NPM_TOKEN as a build secret/,
      behaviour: async ({ before, after }) => {
        const [was, is] = [await before.command(), await after.command()];
        assert.equal(is.code, 0, is.stderr);
        assert.equal(is.stdout, was.stdout);
        await assertSecretGone(after);
      },
    },
    {
      name: 'a password read by two RUNs, one under a non-root USER',
      dockerfile: [
        'FROM debian:12-slim',
        'ARG DB_PASSWORD',
        'RUN useradd --create-home --uid 1000 app',
        'RUN printf "%s" "$DB_PASSWORD" | sha256sum | cut -c1-12 > /root-saw',
        'USER app',
        'RUN printf "%s" "$DB_PASSWORD" | wc -c > /home/app/length',
        'CMD ["sh", "-c", "cat /root-saw /home/app/length"]',
        '',
      ].join('\n'),
      secrets: { db_password: TOKEN },
      buildArgs: { DB_PASSWORD: TOKEN },
      fix: /Pass DB_PASSWORD as a build secret/,
      behaviour: async ({ before, after }) => {
        const [was, is] = [await before.command(), await after.command()];
        assert.equal(is.code, 0, is.stderr);
        assert.equal(is.stdout, was.stdout);
        assert.match(is.stdout, new RegExp(`^[0-9a-f]{12}\\n${TOKEN.length}\\n$`));
        await assertSecretGone(after);
      },
    },
    {
      // Nothing in the Dockerfile names it: the script reads it from the environment.
      name: 'an ARG without default that a copied script reads from the environment',
      dockerfile: 'FROM debian:12-slim\nARG GITHUB_TOKEN\nCOPY fetch.sh /usr/local/bin/fetch.sh\nRUN sh /usr/local/bin/fetch.sh\nCMD ["cat", "/fetched"]\n',
      files: { 'fetch.sh': 'test -n "$GITHUB_TOKEN" || { echo "no token" >&2; exit 1; }\necho "fetched with a token of ${#GITHUB_TOKEN} characters" > /fetched\n' },
      secrets: { github_token: TOKEN },
      buildArgs: { GITHUB_TOKEN: TOKEN },
      fix: /Pass GITHUB_TOKEN as a build secret/,
      behaviour: async ({ after }) => {
        const run = await after.command();
        assert.equal(run.stdout, `fetched with a token of ${TOKEN.length} characters\n`);
        await assertSecretGone(after);
      },
    },
    {
      // A default that no step reads: the ARG goes, and the image is the same without it.
      name: 'a stage ARG with a secret default that no later step uses',
      dockerfile: `FROM busybox:1.36\nCOPY report.sh /report.sh\nARG API_TOKEN=${TOKEN}\nCMD ["sh", "/report.sh"]\n`,
      files: { 'report.sh': 'echo "token: ${API_TOKEN:-unset}"\n' },
      fix: /Remove API_TOKEN: nothing uses it/,
      behaviour: async ({ before, after, fixed }) => {
        assert.doesNotMatch(fixed, /API_TOKEN/);
        const [was, is] = [await before.command(), await after.command()];
        assert.equal(is.code, 0, is.stderr);
        assert.equal(is.stdout, was.stdout);
        assert.equal(is.stdout, 'token: unset\n');
        // As the message says: no step used it, so not even the original's history holds it.
        assert.ok(!(await before.history()).some((step) => step.includes(TOKEN)), "the original's history holds the unused default");
        assert.deepEqual(after.config, before.config);
        await assertSecretGone(after);
      },
    },
    {
      name: 'a global ARG with a secret default that no stage declares again',
      dockerfile: `ARG DEPLOY_KEY=${TOKEN}\nFROM busybox:1.36\nWORKDIR /srv\nCMD ["pwd"]\n`,
      fix: /Remove DEPLOY_KEY: nothing uses it/,
      behaviour: async ({ before, after, fixed }) => {
        assert.ok(fixed.startsWith('FROM busybox:1.36\n'), fixed);
        const [was, is] = [await before.command(), await after.command()];
        assert.equal(is.stdout, was.stdout);
        assert.deepEqual(after.config, before.config);
        await assertSecretGone(after);
      },
    },
  ],
};
export default cases;
