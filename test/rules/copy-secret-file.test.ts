import rule from '../../server/src/rules/copy-secret-file';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'example env files and public keys', code: lines('FROM a:1.0.0', 'COPY .env.example /app/', 'COPY id_rsa.pub /root/.ssh/authorized_keys', 'COPY ca.pem /etc/ssl/') },
    { name: 'from another stage', code: lines('FROM a:1.0.0 AS build', 'FROM b:1.0.0', 'COPY --from=build /root/.npmrc /tmp/') },
    { name: 'heredoc source', code: lines('FROM a:1.0.0', 'COPY <<EOF /app/.env', 'MODE=prod', 'EOF') },
  ],
  invalid: [
    {
      name: '.env file',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .env package.json ./'),
      errors: [{ messageId: 'copied', line: 3, column: 6, endColumn: 10, message: /environment file/, suggestions: [] }],
      output: null,
    },
    {
      name: 'SSH key and cloud credentials folder',
      code: lines('FROM alpine:3.20.1', 'ADD id_ed25519 /root/.ssh/', 'COPY .aws /root/.aws'),
      errors: [{ messageId: 'copied', line: 2, column: 5 }, { messageId: 'copied', line: 3, column: 6 }],
      output: null,
    },
    {
      name: '.npmrc becomes a secret mount for npm',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .npmrc ./', 'RUN npm ci', 'RUN echo done'),
      errors: [{
        messageId: 'copied', line: 3, column: 6, severity: 'warning',
        suggestions: [{ output: lines('FROM node:22.4.1', 'WORKDIR /app', '# Build with: docker build --secret id=npmrc,src=.npmrc .', 'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci', 'RUN echo done') }],
      }],
      output: null,
    },
    {
      name: 'JSON form',
      code: lines('FROM a:1.0.0', 'COPY ["server.key", "/etc/ssl/private/"]'),
      errors: [{ messageId: 'copied', line: 2, column: 1 }],
      output: null,
    },
  ],
});
