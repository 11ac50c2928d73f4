import rule from '../../server/src/rules/copy-before-install';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'manifests first', code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .') },
    { name: 'go.mod first', code: lines('FROM golang:1.22.5', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app') },
    { name: 'adding one package is not an install from the manifest', code: lines('FROM node:22.4.1', 'COPY . .', 'RUN npm install -g pm2') },
    { name: 'copy from another stage', code: lines('FROM node:22.4.1 AS b', 'FROM node:22.4.1', 'COPY --from=b . .', 'RUN npm ci') },
  ],
  invalid: [
    {
      // Unleash and docmost: the manifests-first fix would fail a workspace's frozen install.
      name: 'a pnpm workspace: pnpm fetch from the lockfile, no manifests-first fix',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'RUN pnpm install --frozen-lockfile'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'frontend', 'frontend/package.json'], ignoreFile: null },
      errors: [{ messageId: 'orderPnpmWorkspace', line: 3, column: 1, message: /pnpm fetch/, suggestions: [] }],
      output: null,
    },
    {
      name: 'npm: copy package files and move the install up',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "a.js"]'),
      errors: [
        {
          messageId: 'order',
          line: 3,
          column: 1,
          message: /npm dependencies.*package\.json and package-lock\.json/,
          suggestions: [{ output: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY package.json package-lock.json* ./', 'RUN npm ci', 'COPY . .', 'CMD ["node", "a.js"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'pip with a requirements file and a destination folder',
      code: lines('FROM python:3.12.4-slim', 'COPY . /srv/app', 'RUN pip install -r requirements.txt'),
      errors: [
        {
          messageId: 'order',
          line: 2,
          column: 1,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', 'COPY requirements.txt /srv/app/', 'RUN pip install -r requirements.txt', 'COPY . /srv/app') }],
        },
      ],
      output: null,
    },
    {
      name: 'go build: download modules from go.mod first',
      code: lines('FROM golang:1.22.5', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /bin/app ./cmd/app'),
      errors: [
        {
          messageId: 'order',
          line: 3,
          column: 1,
          suggestions: [{ output: lines('FROM golang:1.22.5', 'WORKDIR /src', 'COPY go.mod go.sum* ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /bin/app ./cmd/app') }],
        },
      ],
      output: null,
    },
    {
      name: 'something in between that the install may need: no fix',
      code: lines('FROM node:22.4.1', 'COPY . .', 'COPY .npmrc /root/', 'RUN yarn install --frozen-lockfile'),
      errors: [{ messageId: 'order', line: 2, column: 1, suggestions: [] }],
      output: null,
    },
  ],
});
