import rule from '../../server/src/rules/dockerignore-gaps';
import type { BuildContext } from '../../server/src/engine/buildContext';
import { lines, runRuleTests } from '../ruleTester';

const ROOT = '/repo/api';
const node = (entries: string[], ignore?: string): BuildContext => ({
  root: ROOT,
  entries: ['Dockerfile', 'package.json', 'src', 'src/index.js', ...entries],
  ignoreFile: ignore === undefined ? null : { path: `${ROOT}/.dockerignore`, text: ignore },
});
const COPY_ALL = lines('FROM node:22.4.1-slim', 'WORKDIR /app', 'COPY . .', 'USER node');
/** The context as an ignore file sees it: with the Dockerfile built from it. */
const forIgnoreFile = (context: BuildContext, dockerfile: string | null = COPY_ALL): BuildContext => ({
  ...context,
  dockerfile: dockerfile === null ? null : { path: `${ROOT}/Dockerfile`, text: dockerfile },
});

runRuleTests(rule, {
  valid: [
    {
      name: 'an ignore file that covers everything present',
      filePath: `${ROOT}/.dockerignore`,
      code: lines('.git', '.env', 'node_modules'),
      buildContext: forIgnoreFile(node(['.git', '.env', 'node_modules'], '')),
    },
    { name: 'a Dockerfile seen alone (no context known)', code: COPY_ALL },
    { name: 'everything that matters is ignored', code: COPY_ALL, buildContext: node(['.git', 'node_modules', '.env'], '.git\nnode_modules\n.env\n') },
    { name: 'nothing sensitive in the context', code: COPY_ALL, buildContext: node([]) },
    {
      // syncthing's and AdGuardHome's builders: committed test keys, and .git, in stages that do not ship.
      name: 'a builder that copies the whole context: test fixtures and .git are not worth saying',
      code: lines('FROM golang:1.23.4 AS build', 'COPY . .', 'RUN go build -o /app', 'FROM alpine:3.21.2', 'COPY --from=build /app /app'),
      buildContext: node(['.git', 'lib/api/testdata/config/key.pem', 'internal/home/testdata/key.pem']),
    },
    {
      // pterodactyl's .env.ci: dummy values for the test suite.
      name: 'test fixtures and CI env files in a shipped context are no secrets',
      code: COPY_ALL,
      buildContext: node(['.env.ci', '.env.testing', 'tests/fixtures/server.key'], 'node_modules\n'),
    },
    {
      // AppFlowy-Cloud: three builders share one context; the ignore file's own finding says it once.
      name: 'a builder whose context has an ignore file: the ignore file carries the finding',
      code: lines('FROM rust:1.83.0 AS build', 'COPY . .', 'RUN cargo build --release', 'FROM debian:12.8-slim', 'COPY --from=build /app/target/release/app /app'),
      buildContext: node(['nginx', 'nginx/ssl', 'nginx/ssl/private_key.key'], '.git\n'),
    },
    { name: 'only named files are copied', code: lines('FROM node:22.4.1-slim', 'COPY package.json src/ /app/'), buildContext: node(['.git', '.env']) },
    { name: 'Docker semantics: a later exception re-includes', code: COPY_ALL, buildContext: node(['.env.example'], '.env*\n!.env.example\n') },
    // Found on real repositories: a root .dockerignore with no Dockerfile that copies the whole context.
    {
      name: 'an ignore file whose Dockerfile copies named files only',
      filePath: `${ROOT}/.dockerignore`,
      code: lines('node_modules'),
      buildContext: forIgnoreFile(node(['.git', '.env'], 'node_modules\n'), lines('FROM node:22.4.1-slim', 'COPY package.json src/ /app/')),
    },
    {
      name: 'an ignore file with no Dockerfile built from its folder',
      filePath: `${ROOT}/.dockerignore`,
      code: lines('node_modules'),
      buildContext: forIgnoreFile(node(['.git', '.env'], 'node_modules\n'), null),
    },
    // redash: an .npmrc of pnpm settings, copied by name because the install needs it.
    {
      name: 'a file a COPY names is needed by the build, and an .npmrc without a token is no secret',
      code: lines('FROM node:22.4.1-slim', 'WORKDIR /app', 'COPY .npmrc package.json ./', 'RUN npm ci', 'COPY . .', 'USER node'),
      buildContext: { ...node(['.npmrc', 'config/.npmrc'], '.git\nnode_modules\n'), harmless: ['config/.npmrc'] },
    },
  ],
  invalid: [
    {
      name: 'in the ignore file itself: what it lets through, fixed in place (unsaved text counts)',
      filePath: `${ROOT}/.dockerignore`,
      code: lines('# build context of the API', 'node_modules'),
      buildContext: forIgnoreFile(node(['.git', '.env', 'node_modules'], 'node_modules\n')),
      errors: [
        {
          messageId: 'ignoreFileGaps',
          line: 1,
          column: 1,
          message: /lets \.git, \.env into the build context/,
          suggestions: [{ output: lines('# build context of the API', 'node_modules', '.git', '.env') }],
        },
      ],
      output: null,
    },
    {
      // .git there costs build time, not secrets: only the key is named.
      name: "in the ignore file of a context only build stages copy whole (AdGuardHome's ci and frontend images): info, secrets only, and it says so",
      filePath: `${ROOT}/.dockerignore`,
      code: lines('node_modules'),
      buildContext: forIgnoreFile(
        node(['.git', 'certs', 'certs/server.key'], 'node_modules\n'),
        lines('FROM node:22.4.1-slim AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm run build', 'FROM scratch AS export', 'COPY --from=build /app/dist /dist'),
      ),
      errors: [
        {
          messageId: 'ignoreFileGapsBuildOnly',
          line: 1,
          column: 1,
          severity: 'info',
          message: /in stages that do not ship/,
          suggestions: [{ output: lines('node_modules', 'certs/server.key') }],
        },
      ],
      output: null,
    },
    {
      // pterodactyl: the context goes whole into a discarded asset builder and into the shipped image.
      name: 'reported at the whole-context copy of the stage that ships, not the first one',
      code: lines(
        'FROM node:22.4.1-slim',
        'WORKDIR /app',
        'COPY . ./',
        'RUN yarn build',
        'FROM php:8.2.28-fpm-alpine',
        'WORKDIR /app',
        'COPY . ./',
        'COPY --from=0 /app/public/assets ./public/assets',
      ),
      buildContext: node(['.git'], 'node_modules\n'),
      errors: [{ messageId: 'letsThrough', line: 7, column: 1 }],
      output: null,
    },
    {
      name: 'no .dockerignore: create one for the ecosystem with what was found',
      code: COPY_ALL,
      buildContext: node(['.git', 'node_modules', 'certs', 'certs/server.key']),
      errors: [
        {
          messageId: 'missing',
          line: 3,
          column: 1,
          severity: 'error',
          message: /\.git, node_modules, certs\/server\.key would go into the image/,
          suggestions: [
            {
              output: COPY_ALL,
              files: {
                [`${ROOT}/.dockerignore`]: lines(
                  '# Keep version control data, secrets and local dependencies out of the image.',
                  '.git',
                  '.env',
                  '.env.*',
                  '!.env.example',
                  'node_modules',
                  'npm-debug.log*',
                  'certs/server.key',
                ),
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an ignore file that lets .git and .env through: add them',
      code: COPY_ALL,
      buildContext: node(['.git', '.env', 'node_modules'], 'node_modules'),
      errors: [
        {
          messageId: 'letsThrough',
          line: 3,
          column: 1,
          message: /\.dockerignore lets \.git, \.env through/,
          suggestions: [{ output: COPY_ALL, files: { [`${ROOT}/.dockerignore`]: lines('node_modules', '.git', '.env') } }],
        },
      ],
      output: null,
    },
  ],
});
