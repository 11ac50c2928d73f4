import rule from '../../server/src/rules/secret-written-to-file';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'a secret mount read where it is, or copied and removed in the same RUN',
      code: lines(
        'FROM node:22.4.1',
        'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
        'RUN --mount=type=secret,id=token cp /run/secrets/token /tmp/token && ./fetch --token-file /tmp/token && rm /tmp/token',
        'RUN --mount=type=secret,id=gh GH_TOKEN="$(cat /run/secrets/gh)" ./download.sh',
      ),
    },
    { name: 'written and removed in the same RUN', code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN', 'RUN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci && rm -f .npmrc') },
    { name: 'non-secret variable', code: lines('FROM a:1.0.0', 'ARG VERSION', 'RUN echo "$VERSION" > /version') },
    { name: 'secret used without writing it', code: lines('FROM a:1.0.0', 'ARG TOKEN', 'RUN curl -H "Authorization: $TOKEN" https://x/y') },
  ],
  invalid: [
    {
      name: 'the file of a secret mount copied into the image: a redirect, cp, and a custom target',
      code: lines(
        'FROM node:22.4.1',
        'RUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc > /root/.npmrc && npm ci',
        'RUN --mount=type=secret,id=key,target=/keys/deploy cp /keys/deploy /app/deploy.key',
      ),
      errors: [
        { messageId: 'mountCopied', line: 2, column: 34, message: /copies the build secret \/run\/secrets\/npmrc into \/root\/\.npmrc/ },
        { messageId: 'mountCopied', line: 3, column: 52, message: /\/keys\/deploy into \/app\/deploy\.key/ },
      ],
      output: null,
    },
    {
      name: 'echo into ~/.npmrc',
      code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN', 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> ~/.npmrc && npm ci'),
      errors: [{ messageId: 'written', line: 3, column: 5, endColumn: 69, message: /writes \$NPM_TOKEN into ~\/\.npmrc/ }],
      output: null,
    },
    {
      name: 'npm config set in a heredoc',
      code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN', 'RUN <<EOF', 'set -e', 'npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"', 'EOF'),
      errors: [{ messageId: 'written', line: 5, column: 1 }],
      output: null,
    },
  ],
});
