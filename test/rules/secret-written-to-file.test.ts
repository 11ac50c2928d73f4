import rule from '../../server/src/rules/secret-written-to-file';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'written and removed in the same RUN', code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN', 'RUN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci && rm -f .npmrc') },
    { name: 'non-secret variable', code: lines('FROM a:1.0.0', 'ARG VERSION', 'RUN echo "$VERSION" > /version') },
    { name: 'secret used without writing it', code: lines('FROM a:1.0.0', 'ARG TOKEN', 'RUN curl -H "Authorization: $TOKEN" https://x/y') },
  ],
  invalid: [
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
