import rule from '../../server/src/rules/healthcheck-missing';
import type { BuildContext } from '../../server/src/engine/buildContext';
import type { ServiceHealthcheck } from '../../server/src/engine/documents/composeBuilds';
import { lines, runRuleTests } from '../ruleTester';

const withService = (healthcheck: ServiceHealthcheck): BuildContext => ({ root: '/repo/api', entries: ['Dockerfile'], ignoreFile: null, serviceHealthcheck: healthcheck });

const TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';
// Probes that pass on any HTTP answer (a 404 at "/" is still a service that answers).
const curl = (port: number) => `curl -sS -o /dev/null --max-time 4 http://127.0.0.1:${port}/ || exit 1`;
const wget = (port: number) => `wget -S -q -O /dev/null http://127.0.0.1:${port}/ 2>&1 | grep -q 'HTTP/' || exit 1`;
const node = (port: number) => `["node", "-e", "require('http').get('http://127.0.0.1:${port}/', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(4000, () => process.exit(1))"]`;
const python = (name: string, port: number) => `["${name}", "-c", "import http.client as h; c = h.HTTPConnection('127.0.0.1', ${port}, timeout=4); c.request('GET', '/'); c.getresponse()"]`;
const bash = (port: number) => `["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${port}"]`;

runRuleTests(rule, {
  valid: [
    { name: 'only UDP ports: nothing a HEALTHCHECK could connect to (an SNMP trap receiver)', code: lines('FROM alpine:3.21.2', 'EXPOSE 1162/UDP', 'CMD ["snmptrapd", "-f"]') },
    { name: 'a command-line tool (no port, not a server image)', code: lines('FROM alpine:3.20.1', 'CMD ["echo", "hi"]') },
    { name: 'HEALTHCHECK present', code: lines('FROM node:22.4.1', 'EXPOSE 3000', 'HEALTHCHECK CMD ["node", "check.js"]') },
    { name: 'HEALTHCHECK NONE is a decision', code: lines('FROM nginx:1.27.0', 'HEALTHCHECK NONE') },
    { name: 'inherited from a parent stage', code: lines('FROM nginx:1.27.0 AS base', 'HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1', 'FROM base', 'COPY site /usr/share/nginx/html') },
    { name: 'only a builder stage exposes a port', code: lines('FROM node:22.4.1 AS dev', 'EXPOSE 3000', 'FROM alpine:3.20.1', 'CMD ["true"]') },
    { name: 'Windows image', code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'EXPOSE 80') },
    {
      // redash: compose runs this one image as server, worker and scheduler (the review loop's false finding).
      name: 'several compose services run the image with their own commands',
      code: lines('FROM python:3.10.14-slim', 'EXPOSE 5000', 'ENTRYPOINT ["/app/bin/docker-entrypoint"]', 'CMD ["server"]'),
      buildContext: { root: '/repo', entries: ['Dockerfile'], ignoreFile: null, servicesWithOwnCommands: ['server', 'scheduler', 'worker'] },
    },
  ],
  invalid: [
    {
      name: 'a port from a variable: "serves a port", never the base image name',
      code: lines('FROM alpine:3.21.2', 'ARG PORT', 'EXPOSE $PORT', 'CMD ["app"]'),
      errors: [{ messageId: 'missing', line: 1, column: 1, message: /^This image serves a port but has no HEALTHCHECK/ }],
      output: null,
    },
    {
      name: 'a HEALTHCHECK commented out in the final stage: one hint that points at it (wiki.js, Tandoor)',
      code: lines(
        'FROM node:24-alpine AS assets',
        'RUN true',
        'FROM node:24-alpine',
        'EXPOSE 3000',
        '# HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/healthz',
        'CMD ["node", "server"]',
      ),
      errors: [{ messageId: 'commentedOut', line: 3, column: 1, severity: 'hint', message: /port 3000 and its HEALTHCHECK on line 5 is commented out/ }],
      output: null,
    },
    {
      name: 'a commented-out HEALTHCHECK in a build stage says nothing about the final one, nor does prose that names it',
      code: lines(
        'FROM node:24-alpine AS assets',
        '# HEALTHCHECK CMD curl -f http://localhost:3000/',
        'RUN true',
        'FROM node:24-alpine',
        '# HEALTHCHECK is added by the platform',
        'EXPOSE 3000',
        'CMD ["node", "server"]',
      ),
      errors: [{ messageId: 'missing', line: 4, column: 1 }],
      output: null,
    },
    {
      // The check compose already runs passes on a healthy container: it wins over a guessed probe.
      name: 'compose gives the service a health check: that one, with its timing',
      code: lines('FROM node:22.4.1-slim', 'EXPOSE 3000', 'CMD ["node", "server.js"]'),
      buildContext: withService({ test: { exec: ['node', 'healthcheck.js'] }, interval: '10s', retries: 5, declaredIn: 'compose.yaml' }),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [
            {
              title: 'Add the HEALTHCHECK that compose.yaml gives this service',
              output: lines(
                'FROM node:22.4.1-slim',
                'EXPOSE 3000',
                'HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=5 CMD ["node", "healthcheck.js"]',
                'CMD ["node", "server.js"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: "compose's CMD-SHELL test becomes the shell form",
      code: lines('FROM python:3.12.4-slim', 'EXPOSE 8000'),
      buildContext: withService({ test: { shell: 'python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"' }, declaredIn: 'docker-compose.yml' }),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', 'EXPOSE 8000', `HEALTHCHECK ${TIMING} CMD python -c "import urllib.request as u; u.urlopen('http://localhost:8000/health')"`) }],
        },
      ],
      output: null,
    },
    {
      name: 'node slim: the runtime itself is the probe',
      code: lines('FROM node:22.4.1-slim', 'EXPOSE 3000', 'CMD ["node", "server.js"]'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: /port 3000/,
          suggestions: [
            {
              title: 'Add a HEALTHCHECK on port 3000 (node)',
              output: lines('FROM node:22.4.1-slim', 'EXPOSE 3000', `HEALTHCHECK ${TIMING} CMD ${node(3000)}`, 'CMD ["node", "server.js"]'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'full python image has curl',
      code: lines('FROM python:3.12.4', 'EXPOSE 8000', 'CMD ["python", "app.py"]'),
      errors: [
        { messageId: 'missing', line: 1, column: 1, suggestions: [{ output: lines('FROM python:3.12.4', 'EXPOSE 8000', `HEALTHCHECK ${TIMING} CMD ${curl(8000)}`, 'CMD ["python", "app.py"]') }] },
      ],
      output: null,
    },
    {
      name: 'python slim has no curl: python itself',
      code: lines('FROM python:3.12.4-slim', 'EXPOSE 8000'),
      errors: [{ messageId: 'missing', line: 1, column: 1, suggestions: [{ output: lines('FROM python:3.12.4-slim', 'EXPOSE 8000', `HEALTHCHECK ${TIMING} CMD ${python('python', 8000)}`) }] }],
      output: null,
    },
    {
      name: 'alpine: BusyBox wget',
      code: lines('FROM alpine:3.20.1', 'EXPOSE 8080/tcp', 'ENTRYPOINT ["/app"]'),
      errors: [
        { messageId: 'missing', line: 1, column: 1, suggestions: [{ output: lines('FROM alpine:3.20.1', 'EXPOSE 8080/tcp', `HEALTHCHECK ${TIMING} CMD ${wget(8080)}`, 'ENTRYPOINT ["/app"]') }] },
      ],
      output: null,
    },
    {
      name: 'nginx serves port 80 without EXPOSE in the Dockerfile',
      code: lines('FROM nginx:1.27.0', 'COPY site /usr/share/nginx/html'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: /port 80\b/,
          suggestions: [{ output: lines('FROM nginx:1.27.0', 'COPY site /usr/share/nginx/html', `HEALTHCHECK ${TIMING} CMD ${curl(80)}`) }],
        },
      ],
      output: null,
    },
    {
      name: 'postgres: its own readiness probe',
      code: lines('FROM postgres:16.3', 'COPY init.sql /docker-entrypoint-initdb.d/'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [{ output: lines('FROM postgres:16.3', 'COPY init.sql /docker-entrypoint-initdb.d/', `HEALTHCHECK ${TIMING} CMD pg_isready -U postgres || exit 1`) }],
        },
      ],
      output: null,
    },
    {
      name: 'curl installed by the Dockerfile',
      code: lines('FROM debian:12.5-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'EXPOSE 9090', 'CMD ["/srv/app"]'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [
            {
              output: lines(
                'FROM debian:12.5-slim',
                'RUN apt-get update && apt-get install -y --no-install-recommends curl',
                'EXPOSE 9090',
                `HEALTHCHECK ${TIMING} CMD ${curl(9090)}`,
                'CMD ["/srv/app"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'distroless static: no tool, so no fix that could never pass',
      code: lines('FROM gcr.io/distroless/static-debian12:nonroot', 'EXPOSE 8080', 'ENTRYPOINT ["/app"]'),
      errors: [{ messageId: 'missing', line: 1, column: 1, suggestions: [] }],
      output: null,
    },
    {
      name: "the command's --port flag beats EXPOSE",
      code: lines('FROM python:3.12.4-slim', 'EXPOSE 8000', 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: /port 5000/,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', 'EXPOSE 8000', `HEALTHCHECK ${TIMING} CMD ${python('python', 5000)}`, 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'a port flag inside a shell-form command',
      code: lines('FROM python:3.12.4-slim', 'EXPOSE 80', 'CMD uvicorn main:app --host 0.0.0.0 --port=8080'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: /port 8080/,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', 'EXPOSE 80', `HEALTHCHECK ${TIMING} CMD ${python('python', 8080)}`, 'CMD uvicorn main:app --host 0.0.0.0 --port=8080') }],
        },
      ],
      output: null,
    },
    {
      name: "Debian slim with no HTTP tool: bash's /dev/tcp",
      code: lines('FROM debian:12.5-slim', 'EXPOSE 7000', 'CMD ["/srv/app"]'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [{ title: 'Add a HEALTHCHECK on port 7000 (bash)', output: lines('FROM debian:12.5-slim', 'EXPOSE 7000', `HEALTHCHECK ${TIMING} CMD ${bash(7000)}`, 'CMD ["/srv/app"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'python3 installed by the Dockerfile',
      code: lines('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y --no-install-recommends python3', 'EXPOSE 8000', 'CMD ["python3", "-m", "http.server"]'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          suggestions: [
            {
              output: lines(
                'FROM ubuntu:24.04',
                'RUN apt-get update && apt-get install -y --no-install-recommends python3',
                'EXPOSE 8000',
                `HEALTHCHECK ${TIMING} CMD ${python('python3', 8000)}`,
                'CMD ["python3", "-m", "http.server"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'port from ENV',
      code: lines('FROM node:22.4.1-alpine3.20', 'ENV PORT=9000', 'EXPOSE $PORT'),
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: /port 9000/,
          suggestions: [{ output: lines('FROM node:22.4.1-alpine3.20', 'ENV PORT=9000', 'EXPOSE $PORT', `HEALTHCHECK ${TIMING} CMD ${node(9000)}`) }],
        },
      ],
      output: null,
    },
  ],
});
