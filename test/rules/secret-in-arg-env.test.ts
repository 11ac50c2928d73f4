import rule from '../../server/src/rules/secret-in-arg-env';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'pointers to secrets are not secrets', code: lines('FROM a:1.0.0', 'ENV PASSWORD_FILE=/run/secrets/db', 'ARG TOKEN_URL=https://auth.example.com', 'ENV GITHUB_TOKEN_PATH=/etc/token') },
    { name: 'GPG key fingerprints and ids', code: lines('FROM a:1.0.0', 'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', 'ARG KEY_ID=123') },
    { name: 'switches and empty values', code: lines('FROM a:1.0.0', 'ENV DISABLE_TOKEN_CHECK=true', 'ENV API_KEY=', 'ENV SECRET_KEY_BASE_DUMMY=1') },
    {
      name: 'filler placeholders (seen in the corpus)',
      code: lines('FROM a:1.0.0', 'ENV PASSWORD XXXXXXXXXXXXXXXXXXXXXXXX', 'ENV MTP_SECRET 00000000000000000000000000000000', 'ENV TOKEN=00000000-0000-0000-0000-000000000000'),
    },
    {
      // documenso's build-time stand-ins for its encryption keys.
      name: 'magic-word placeholders',
      code: lines('FROM a:1.0.0', 'ARG NEXT_PRIVATE_ENCRYPTION_KEY="CAFEBABE"', 'ARG SECONDARY_KEY=0xDEADBEEF'),
    },
    { name: 'public keys', code: lines('FROM a:1.0.0', 'ENV PUBLIC_KEY=abc123') },
    { name: 'words that only look like secrets', code: lines('FROM a:1.0.0', 'ENV GOPRIVATE=github.com/org', 'ENV TRAVIS_OS_NAME=linux', 'ENV KEYBOARD=us', 'ENV PASSENGER_VERSION=6.0.1') },
  ],
  invalid: [
    {
      // Issue 14 (as BuildKit's SecretsUsedInArgOrEnv): a script reads the variable without the
      // Dockerfile naming it, and the RUN's history entry records the value.
      name: 'a secret ARG without default before a RUN that does not name it',
      code: lines('FROM debian:12.5-slim', 'ARG GITHUB_TOKEN', 'ARG NEXUS_PSW', 'COPY build.sh /', 'RUN /build.sh'),
      errors: [
        {
          messageId: 'argUsed',
          line: 2,
          column: 5,
          message: /every RUN after it/,
          suggestions: [
            {
              title: /Pass GITHUB_TOKEN as a build secret/,
              output: lines(
                'FROM debian:12.5-slim',
                'ARG NEXUS_PSW',
                'COPY build.sh /',
                '# Build with: docker build --secret id=github_token,env=GITHUB_TOKEN .',
                'RUN --mount=type=secret,id=github_token export GITHUB_TOKEN="$(cat /run/secrets/github_token)" && /build.sh',
              ),
            },
          ],
        },
        { messageId: 'argUsed', line: 3, column: 5 },
      ],
      output: null,
    },
    {
      name: 'an exec-form RUN has no shell to export the secret in: no rewrite',
      code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN', 'RUN ["sh", "-c", "echo $NPM_TOKEN > /dev/null"]'),
      errors: [{ messageId: 'argUsed', line: 2, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'ENV with a secret value, masked in the message',
      code: lines('FROM node:22.4.1', 'ENV DB_PASSWORD=hunter2-very-secret', 'CMD ["node", "a.js"]'),
      errors: [{ messageId: 'env', line: 2, column: 5, endColumn: 16, message: /ENV DB_PASSWORD/, suggestions: [] }],
      output: null,
      secret: 'hunter2-very-secret',
    },
    {
      name: 'ARG with a secret default, moved to a build secret',
      code: lines('FROM node:22.4.1', 'ARG NPM_TOKEN=npm_abcdefabcdefabcdefabcdefabcdefabcdef', 'RUN npm ci'),
      errors: [
        {
          messageId: 'argDefault',
          line: 2,
          column: 5,
          // npm reads NPM_TOKEN from the environment (through .npmrc) without naming it in RUN.
          suggestions: [
            {
              title: /build secret/,
              output: lines(
                'FROM node:22.4.1',
                '# Build with: docker build --secret id=npm_token,env=NPM_TOKEN .',
                'RUN --mount=type=secret,id=npm_token export NPM_TOKEN="$(cat /run/secrets/npm_token)" && npm ci',
              ),
            },
          ],
        },
      ],
      output: null,
      secret: 'npm_abcdefabcdefabcdefabcdefabcdefabcdef',
    },
    {
      // The secret file is root's, mode 0400: a step run as another user reads it only with a
      // wider mode (found by a real build, where the variable came out empty).
      name: 'a RUN under a non-root USER gets a secret it can read',
      code: lines('FROM debian:12.6-slim', 'ARG DB_PASSWORD', 'RUN echo "$DB_PASSWORD" | wc -c', 'USER app', 'RUN echo "$DB_PASSWORD" | wc -c'),
      errors: [
        {
          messageId: 'argUsed',
          line: 2,
          column: 5,
          suggestions: [
            {
              output: lines(
                'FROM debian:12.6-slim',
                '# Build with: docker build --secret id=db_password,env=DB_PASSWORD .',
                'RUN --mount=type=secret,id=db_password export DB_PASSWORD="$(cat /run/secrets/db_password)" && echo "$DB_PASSWORD" | wc -c',
                'USER app',
                'RUN --mount=type=secret,id=db_password,mode=0444 export DB_PASSWORD="$(cat /run/secrets/db_password)" && echo "$DB_PASSWORD" | wc -c',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'ARG used by RUN becomes a secret mount, exported from the secret file',
      code: lines(
        '# syntax=docker/dockerfile:1.10',
        'FROM node:22.4.1',
        'ARG NPM_TOKEN',
        'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
        'RUN npm run build',
      ),
      errors: [
        {
          messageId: 'argUsed',
          line: 3,
          column: 5,
          severity: 'warning',
          suggestions: [
            {
              output: lines(
                '# syntax=docker/dockerfile:1.10',
                'FROM node:22.4.1',
                '# Build with: docker build --secret id=npm_token,env=NPM_TOKEN .',
                'RUN --mount=type=secret,id=npm_token export NPM_TOKEN="$(cat /run/secrets/npm_token)" && echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
                'RUN npm run build',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'global ARG that no stage declares: nothing can use it, so it is removed',
      code: lines('ARG REGISTRY_PASSWORD=letmein-123', 'FROM alpine:3.20.1', 'RUN true'),
      // No step sees it, so it is in no history entry: the message says only what is so.
      errors: [{ messageId: 'argDefaultUnused', line: 1, column: 5, suggestions: [{ title: /nothing uses it/, output: lines('FROM alpine:3.20.1', 'RUN true') }] }],
      output: null,
      secret: 'letmein-123',
    },
    {
      // The ENV only passes on the build argument in a stage that does not ship; the ARG's finding says it.
      name: 'ENV NAME=$NAME in a build stage',
      code: lines('FROM node:22.4.1 AS installer', 'ARG API_KEY', 'ENV API_KEY="$API_KEY"', 'RUN npm run build', 'FROM node:22.4.1-slim', 'COPY --from=installer /app/dist /app'),
      errors: [{ messageId: 'argUsed', line: 2, column: 5 }],
      output: null,
    },
    {
      // BuildKit and trivy report the name alone; nothing records a value nobody uses: info.
      name: 'secret ARG without default that nothing uses: info',
      code: lines('FROM a:1.0.0', 'ARG NPM_TOKEN', 'ARG NEXUS_PSW', 'COPY . /app'),
      errors: [
        { messageId: 'argDeclared', line: 2, column: 5, severity: 'info', message: /nothing here uses it/ },
        { messageId: 'argDeclared', line: 3, column: 5, severity: 'info' },
      ],
      output: null,
    },
    {
      name: 'a secret ENV literal in a build stage: in the repository and the cache, not in the shipped image',
      code: lines('FROM node:22.4.1 AS installer', 'ENV NPM_TOKEN=npm_a1b2c3d4e5f6g7h8i9j0', 'RUN npm ci', 'FROM node:22.4.1-slim', 'COPY --from=installer /app /app'),
      errors: [{ messageId: 'envBuildStage', line: 2, column: 5, severity: 'error', message: /not in the shipped image/ }],
      output: null,
    },
    {
      name: 'secret copied from ARG into ENV: no mechanical fix',
      code: lines('FROM python:3.12.4', 'ARG API_KEY', 'ENV API_KEY=$API_KEY'),
      errors: [
        { messageId: 'argUsed', line: 2, column: 5, suggestions: [] },
        { messageId: 'env', line: 3, column: 5, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'global ARG with a default',
      code: lines(
        'ARG GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
        'FROM alpine:3.20.1',
        'ARG GITHUB_TOKEN',
        'RUN wget --header="Authorization: token $GITHUB_TOKEN" https://example.com/x',
      ),
      errors: [
        {
          messageId: 'argDefault',
          line: 1,
          column: 5,
          suggestions: [
            {
              output: lines(
                'FROM alpine:3.20.1',
                '# Build with: docker build --secret id=github_token,env=GITHUB_TOKEN .',
                'RUN --mount=type=secret,id=github_token export GITHUB_TOKEN="$(cat /run/secrets/github_token)" && wget --header="Authorization: token $GITHUB_TOKEN" https://example.com/x',
              ),
            },
          ],
        },
        {
          messageId: 'argUsed',
          line: 3,
          column: 5,
          suggestions: [
            {
              output: lines(
                'FROM alpine:3.20.1',
                '# Build with: docker build --secret id=github_token,env=GITHUB_TOKEN .',
                'RUN --mount=type=secret,id=github_token export GITHUB_TOKEN="$(cat /run/secrets/github_token)" && wget --header="Authorization: token $GITHUB_TOKEN" https://example.com/x',
              ),
            },
          ],
        },
      ],
      output: null,
      secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    },
    {
      name: 'a weak real default is still a default credential',
      code: lines('FROM a:1.0.0', 'ENV MAIL_PASS admin'),
      errors: [{ messageId: 'env', line: 2, column: 5 }],
      output: null,
      secret: 'admin',
    },
    {
      name: 'camelCase and legacy ENV syntax',
      code: lines('FROM a:1.0.0', 'ENV ApiKey s3cr3tvalue42'),
      errors: [{ messageId: 'env', line: 2, column: 5 }],
      output: null,
      secret: 's3cr3tvalue42',
    },
    {
      name: 'ENV used only while building, in the final stage',
      code: lines('FROM alpine:3.20.1', 'ENV DEPLOY_TOKEN=abcdef123456', 'RUN fetch-private-deps --token "$DEPLOY_TOKEN"'),
      errors: [
        {
          messageId: 'env',
          line: 2,
          column: 5,
          suggestions: [
            {
              output: lines(
                'FROM alpine:3.20.1',
                '# Build with: docker build --secret id=deploy_token,env=DEPLOY_TOKEN .',
                'RUN --mount=type=secret,id=deploy_token export DEPLOY_TOKEN="$(cat /run/secrets/deploy_token)" && fetch-private-deps --token "$DEPLOY_TOKEN"',
              ),
            },
          ],
        },
      ],
      output: null,
      secret: 'abcdef123456',
    },
  ],
});
