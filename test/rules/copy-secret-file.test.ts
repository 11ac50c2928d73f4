import rule from '../../server/src/rules/copy-secret-file';
import type { BuildContext } from '../../server/src/engine/buildContext';
import { lines, runRuleTests } from '../ruleTester';

const ROOT = '/repo/web';
const context = (ignore?: string): BuildContext => ({
  root: ROOT,
  entries: ['Dockerfile', '.npmrc', 'package.json', 'src', 'src/index.js'],
  ignoreFile: ignore === undefined ? null : { path: `${ROOT}/.dockerignore`, text: ignore },
});
const COPY_ALL_TOO = lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'COPY .npmrc ./', 'RUN npm ci');
const MOUNTED = lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', '# Build with: docker build --secret id=npmrc,src=.npmrc .', 'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci');

runRuleTests(rule, {
  valid: [
    {
      // The key is mounted at run time: the context has no such file.
      name: 'a credentials variable pointing at a path the copied context does not hold',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'ENV GOOGLE_APPLICATION_CREDENTIALS=/app/secrets/sa.json'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'package.json', 'src', 'src/index.js'], ignoreFile: null },
    },
    { name: 'a credentials variable pointing where nothing was copied', code: lines('FROM node:22.4.1', 'COPY src /app/src', 'ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json') },
    { name: 'example env files and public keys', code: lines('FROM a:1.0.0', 'COPY .env.example /app/', 'COPY id_rsa.pub /root/.ssh/authorized_keys', 'COPY ca.pem /etc/ssl/') },
    { name: 'from another stage', code: lines('FROM a:1.0.0 AS build', 'FROM b:1.0.0', 'COPY --from=build /root/.npmrc /tmp/') },
    { name: 'heredoc source', code: lines('FROM a:1.0.0', 'COPY <<EOF /app/.env', 'MODE=prod', 'EOF') },
  ],
  invalid: [
    {
      // trivy's DS031 cases: credentials found by where they go, not by their name.
      name: 'a COPY to the credentials path a variable names, and a credentials variable pointing into a copied folder',
      code: lines('FROM busybox:1.37.0', 'COPY ./aws-settings $AWS_CONFIG_FILE', 'COPY project /srv/', 'ENV GOOGLE_APPLICATION_CREDENTIALS=./srv/gcp-sa.json'),
      errors: [
        { messageId: 'toCredentialsPath', line: 2, column: 6, message: /where AWS_CONFIG_FILE points/ },
        { messageId: 'pointsIntoCopy', line: 4, column: 5, message: /\/srv\/gcp-sa\.json/ },
      ],
      output: null,
    },
    {
      // kimai keeps its vhost, probes and entrypoint in .docker/; only the client's config.json holds logins.
      name: "a project's .docker folder is no secret, the Docker client's config.json in it is",
      code: lines('FROM php:8.3.14-apache', 'COPY .docker/000-default.conf .docker/entrypoint.sh /opt/', 'COPY .docker /opt/docker', 'COPY .docker/config.json /root/.docker/'),
      errors: [{ messageId: 'copied', line: 4, column: 6, message: /Docker client config/ }],
      output: null,
    },
    {
      name: '.env file',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .env package.json ./'),
      errors: [{ messageId: 'copied', line: 3, column: 6, endColumn: 10, message: /environment file/, suggestions: [] }],
      output: null,
    },
    {
      name: 'SSH key and cloud credentials folder',
      code: lines('FROM alpine:3.20.1', 'ADD id_ed25519 /root/.ssh/', 'COPY .aws /root/.aws'),
      errors: [
        { messageId: 'copied', line: 2, column: 5 },
        { messageId: 'copied', line: 3, column: 6 },
      ],
      output: null,
    },
    {
      name: '.npmrc becomes a secret mount for npm',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .npmrc ./', 'RUN npm ci', 'RUN echo done'),
      errors: [
        {
          messageId: 'copied',
          line: 3,
          column: 6,
          severity: 'warning',
          suggestions: [
            {
              output: lines(
                'FROM node:22.4.1',
                'WORKDIR /app',
                '# Build with: docker build --secret id=npmrc,src=.npmrc .',
                'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci',
                'RUN echo done',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // COPY . . would still copy the file: the fix also keeps it out of the context.
      name: '.npmrc with a whole-context copy: added to the ignore file',
      code: COPY_ALL_TOO,
      buildContext: context('.git\n'),
      errors: [
        {
          messageId: 'copied',
          line: 4,
          column: 6,
          suggestions: [{ output: MOUNTED, title: /and add it to \.dockerignore, so COPY \. leaves it out/, files: { [`${ROOT}/.dockerignore`]: '.git\n.npmrc\n' } }],
        },
      ],
      output: null,
    },
    {
      name: '.npmrc with a whole-context copy and no ignore file: one is created',
      code: COPY_ALL_TOO,
      buildContext: context(),
      errors: [{ messageId: 'copied', line: 4, column: 6, suggestions: [{ output: MOUNTED, files: { [`${ROOT}/.dockerignore`]: '.npmrc\n' } }] }],
      output: null,
    },
    {
      name: '.npmrc already ignored: the mount alone',
      code: COPY_ALL_TOO,
      buildContext: context('.npmrc\n'),
      errors: [{ messageId: 'copied', line: 4, column: 6, suggestions: [{ output: MOUNTED, title: 'Mount .npmrc as a build secret for the RUNs that need it, instead of copying it', files: {} }] }],
      output: null,
    },
    {
      // Whether COPY . . brings the file in cannot be known: a mount alone would not keep it out.
      name: '.npmrc with a whole-context copy and no known context: no fix',
      code: COPY_ALL_TOO,
      errors: [{ messageId: 'copied', line: 4, column: 6, suggestions: [] }],
      output: null,
    },
    {
      // A destination named like the file keeps its leading dot (found by a real build).
      name: 'COPY .npmrc .npmrc: the mount target keeps the dot',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .npmrc .npmrc', 'RUN npm ci'),
      errors: [
        {
          messageId: 'copied',
          line: 3,
          column: 6,
          suggestions: [
            { output: lines('FROM node:22.4.1', 'WORKDIR /app', '# Build with: docker build --secret id=npmrc,src=.npmrc .', 'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci') },
          ],
        },
      ],
      output: null,
    },
    {
      // A mounted file cannot be removed: the step would fail with "Device or resource busy".
      name: 'the rm -f that used to hide the copied file goes',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .npmrc .', 'RUN npm ci \\', ' && rm -f .npmrc', 'RUN rm /app/.npmrc', 'RUN npm pack && rm -f ./.npmrc dist.tgz', 'RUN rm -f .npmrc'),
      errors: [
        {
          messageId: 'copied',
          line: 3,
          column: 6,
          suggestions: [
            {
              output: lines(
                'FROM node:22.4.1',
                'WORKDIR /app',
                '# Build with: docker build --secret id=npmrc,src=.npmrc .',
                'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci',
                'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm pack && rm -f dist.tgz',
                'RUN rm -f .npmrc',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a step under a non-root USER gets a mount it can read',
      code: lines('FROM node:22.4.1', 'WORKDIR /home/node/app', 'COPY --chown=node .npmrc /home/node/', 'USER node', 'RUN npm ci && npm run build'),
      errors: [
        {
          messageId: 'copied',
          line: 3,
          column: 19,
          suggestions: [
            {
              output: lines(
                'FROM node:22.4.1',
                'WORKDIR /home/node/app',
                'USER node',
                '# Build with: docker build --secret id=npmrc,src=.npmrc .',
                'RUN --mount=type=secret,id=npmrc,target=/home/node/.npmrc,mode=0444 npm ci && npm run build',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an rm that cannot be taken out of its list: no fix',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY .npmrc .', 'RUN npm ci || rm .npmrc'),
      errors: [{ messageId: 'copied', line: 3, column: 6, suggestions: [] }],
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
