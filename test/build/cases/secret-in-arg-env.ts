import assert from 'node:assert/strict';
import type { BuiltImage, RuleCases } from '../buildCase';

const TOKEN = 'tok-3b9f1c7e-build-only';

/** The secret is nowhere in the fixed image: not its config, not a file's name or size… or text. */
async function assertSecretGone(image: BuiltImage): Promise<void> {
  assert.ok(!JSON.stringify(image.config).includes(TOKEN), 'the secret is in the image config');
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
      behaviour: async ({ after }) => {
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
  ],
};
export default cases;
