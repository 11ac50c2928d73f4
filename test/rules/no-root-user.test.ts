import rule from '../../server/src/rules/no-root-user';
import { lines, runRuleTests } from '../ruleTester';

const DEBIAN_USER = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app';
const ALPINE_USER = 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app';

runRuleTests(rule, {
  valid: [
    {
      // Unleash's local postgres: the official image's docker-entrypoint.sh runs the server as postgres with gosu.
      name: "postgres and redis keep the image's own entrypoint, which drops to the server's user",
      code: lines('FROM postgres:16.4', 'COPY init.sql /docker-entrypoint-initdb.d/', 'FROM redis:7.4.1', 'CMD ["redis-server", "--appendonly", "yes"]'),
    },
    // Found on real repositories: images that start as root on purpose and drop to a user.
    { name: 'an ENTRYPOINT that drops privileges with gosu', code: lines('FROM debian:12.5-slim', 'ENTRYPOINT ["gosu", "app", "/usr/local/bin/server"]') },
    { name: 'tini, then su-exec', code: lines('FROM alpine:3.20.1', 'ENTRYPOINT ["/sbin/tini", "--", "su-exec", "app", "server"]') },
    { name: 'sh -c with exec sudo -u', code: lines('FROM debian:12.5-slim', 'CMD ["sh", "-c", "exec sudo -u discourse -H bin/rails s"]') },
    // The context scan found the start script or the server's config dropping to a user.
    {
      name: "an entrypoint script that ends in exec gosu (the official images' pattern)",
      code: lines('FROM debian:12.5-slim', 'COPY docker/docker-entrypoint.sh /usr/local/bin/', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["server"]'),
      buildContext: { root: '/ctx', entries: ['docker', 'docker/docker-entrypoint.sh'], ignoreFile: null, dropsPrivileges: ['docker/docker-entrypoint.sh'] },
    },
    {
      name: 'uwsgi started with a config that sets uid',
      code: lines('FROM python:3.12.4-slim', 'COPY . /app', 'CMD ["uwsgi", "--ini", "/app/uwsgi.ini"]'),
      buildContext: { root: '/ctx', entries: ['uwsgi.ini'], ignoreFile: null, dropsPrivileges: ['uwsgi.ini'] },
    },
    {
      name: 'a COPY renames the dropping script (seen on mealie: docker/entry.sh becomes /app/run.sh)',
      code: lines('FROM python:3.12.4-slim', 'ENV APP_HOME=/app', 'COPY ./docker/entry.sh $APP_HOME/run.sh', 'ENTRYPOINT ["/app/run.sh"]'),
      buildContext: { root: '/ctx', entries: ['docker', 'docker/entry.sh'], ignoreFile: null, dropsPrivileges: ['docker/entry.sh'] },
    },
    {
      name: 'the dropping script comes through a build stage that copied the context (syncthing: COPY --from=builder, renamed)',
      code: lines(
        'FROM golang:1.24.1 AS builder',
        'WORKDIR /src',
        'COPY . .',
        'RUN go build -o /src/app .',
        'FROM alpine:3.21.2',
        'COPY --from=builder /src/app /bin/app',
        'COPY --from=builder /src/script/docker-entrypoint.sh /bin/entrypoint.sh',
        'ENTRYPOINT ["/bin/entrypoint.sh", "/bin/app"]',
      ),
      buildContext: { root: '/ctx', entries: ['script', 'script/docker-entrypoint.sh'], ignoreFile: null, dropsPrivileges: ['script/docker-entrypoint.sh'] },
    },
    {
      name: 'USER root written on purpose before an entrypoint that drops (seen on memos)',
      code: lines(
        'FROM alpine:3.20.1',
        'COPY entrypoint.sh /usr/local/bin/entrypoint.sh',
        '# the entrypoint drops to nonroot',
        'USER root',
        'ENTRYPOINT ["/usr/local/bin/entrypoint.sh", "/usr/local/bin/server"]',
      ),
      buildContext: { root: '/ctx', entries: ['entrypoint.sh'], ignoreFile: null, dropsPrivileges: ['entrypoint.sh'] },
    },
    // Their init starts the app as USER_ID / PUID (non-root by default); only the init is root.
    { name: "jlesage's GUI base image", code: lines('FROM jlesage/baseimage-gui:alpine-3.20-v4.6.3', 'COPY rootfs/ /') },
    { name: 'a linuxserver.io base image', code: lines('FROM ghcr.io/linuxserver/baseimage-alpine:3.20', 'COPY root/ /') },
    { name: 'memcached runs as its memcache user already', code: lines('FROM memcached:1.6.29') },
    { name: 'USER set in the final stage', code: lines('FROM node:22.4.1', 'USER node', 'CMD ["node", "a.js"]') },
    { name: 'numeric USER', code: lines('FROM alpine:3.20.1', 'USER 1000:1000') },
    {
      name: 'only the builder stage runs as root',
      code: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app'),
    },
    { name: 'USER inherited from a parent stage', code: lines('FROM node:22.4.1 AS base', 'USER node', 'FROM base', 'CMD ["node", "a.js"]') },
    { name: 'USER from a build argument without default', code: lines('FROM alpine:3.20.1', 'ARG APP_USER', 'USER $APP_USER') },
    { name: 'USER from an ARG default that is not root', code: lines('FROM alpine:3.20.1', 'ARG APP_USER=app', 'USER ${APP_USER}') },
    { name: 'image that runs as nonroot by default', code: lines('FROM cgr.dev/chainguard/nginx:1.27.0') },
    { name: 'base image from an ARG with no default', code: lines('ARG BASE', 'FROM $BASE', 'CMD ["run"]') },
    { name: 'Windows image', code: lines('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'CMD ["cmd"]') },
    { name: 'empty file', code: '' },
    { name: 'dev container: the user comes from devcontainer.json (seen in the corpus)', code: lines('FROM golang:1.22.5'), filePath: 'x/.devcontainer/Dockerfile' },
  ],
  invalid: [
    {
      // nginx-proxy/acme-companion: a tool that drives the host's Docker through the socket.
      name: 'an image that expects the Docker socket: info, and no USER suggestion that would cut it off',
      code: lines('FROM alpine:3.21.2', 'ENV DOCKER_HOST=unix:///var/run/docker.sock \\', '    PATH=${PATH}:/app', 'ENTRYPOINT ["/bin/bash", "/app/entrypoint.sh"]'),
      errors: [{ messageId: 'socketTool', line: 1, column: 1, severity: 'info', message: /its ENV DOCKER_HOST points at the Docker socket/ }],
      output: null,
    },
    {
      // Nextcloud AIO's onlyoffice image: labels and a health check on the upstream image.
      name: 'a file that only adds labels and a health check to an unknown image: info, and no USER suggestion',
      code: lines('FROM onlyoffice/documentserver:8.3.1', 'COPY --chmod=775 healthcheck.sh /healthcheck.sh', 'HEALTHCHECK CMD /healthcheck.sh', 'LABEL com.centurylinklabs.watchtower.enable="false"'),
      errors: [{ messageId: 'wrapper', line: 1, column: 1, severity: 'info', message: /only adds labels or a health check to onlyoffice\/documentserver/ }],
      output: null,
    },
    {
      name: 'USER root before a script that does not drop',
      code: lines('FROM alpine:3.20.1', 'COPY entrypoint.sh /usr/local/bin/entrypoint.sh', 'USER root', 'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]'),
      buildContext: { root: '/ctx', entries: ['entrypoint.sh', 'other/run.sh'], ignoreFile: null, dropsPrivileges: ['other/run.sh'] },
      errors: [{ messageId: 'rootUser', line: 3, column: 6 }],
      output: null,
    },
    {
      name: 'an entrypoint script the scan did not find dropping privileges',
      code: lines('FROM debian:12.5-slim', 'COPY entrypoint.sh /', 'ENTRYPOINT ["/entrypoint.sh"]'),
      buildContext: { root: '/ctx', entries: ['entrypoint.sh', 'tools/start.sh'], ignoreFile: null, dropsPrivileges: ['tools/start.sh'] },
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 1,
          suggestions: [{ output: lines('FROM debian:12.5-slim', 'COPY entrypoint.sh /', DEBIAN_USER, 'USER 10001:10001', 'ENTRYPOINT ["/entrypoint.sh"]') }],
        },
      ],
      output: null,
    },
    {
      // FreshRSS (holdout): Debian's apache2, started by the image's own shell-form CMD.
      name: 'apache2 started by the command: info, its workers run as www-data; no USER suggestion (it would not start)',
      code: lines('FROM debian:12.5-slim', 'RUN apt-get update && apt-get install -y apache2', 'ENTRYPOINT ["./entrypoint.sh"]', 'CMD cron && . /etc/apache2/envvars && exec apache2 -D FOREGROUND'),
      errors: [{ messageId: 'workerServer', line: 1, column: 1, severity: 'info', message: /starts apache2 as root/, suggestions: [] }],
      output: null,
    },
    {
      name: 'nginx and php-fpm in exec form',
      code: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache nginx php83-fpm', 'CMD ["/usr/sbin/php-fpm83", "-F"]'),
      errors: [{ messageId: 'workerServer', line: 1, column: 1, severity: 'info', message: /starts php-fpm83 as root/ }],
      output: null,
    },
    {
      name: 'a supervisor started as root: info, it is the services that must drop privileges',
      code: lines('FROM debian:12.5-slim', 'CMD ["/usr/bin/supervisord", "-c", "/etc/supervisord.conf"]'),
      errors: [{ messageId: 'supervisor', line: 1, column: 1, severity: 'info', message: /starts supervisord as root/ }],
      output: null,
    },
    {
      name: 'an image the tool knows nothing about: it says so instead of claiming it runs as root',
      code: lines('FROM registry.example.com/team/runtime:4.2.1', 'CMD ["app"]'),
      errors: [{ messageId: 'noUserUnknown', line: 1, column: 1, message: /may run as root.*nothing here says registry\.example\.com\/team\/runtime sets one/ }],
      output: null,
    },
    {
      name: 'the new user gets its WORKDIR (the folder only) and its VOLUMEs, and the title says so',
      code: lines('FROM debian:12.5-slim', 'WORKDIR /srv/app', 'VOLUME ["/srv/app/data", "/var/cache/app/"]', 'COPY . .', 'CMD ["./app"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 1,
          suggestions: [
            {
              title: 'Create an "app" system user (10001:10001), let it write to /srv/app, /srv/app/data, /var/cache/app, and run as it',
              // Before the VOLUME: Docker drops what later steps change in a volume.
              output: lines(
                'FROM debian:12.5-slim',
                'WORKDIR /srv/app',
                `${DEBIAN_USER} \\`,
                '    && mkdir -p /srv/app /srv/app/data /var/cache/app \\',
                '    && chown app:app /srv/app \\',
                '    && chown -R app:app /srv/app/data /var/cache/app',
                'VOLUME ["/srv/app/data", "/var/cache/app/"]',
                'COPY . .',
                'USER 10001:10001',
                'CMD ["./app"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: "no USER on a node image: use the image's node user",
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 17,
          // The WORKDIR root made is handed to the user (the build suite found the app unable to write there).
          suggestions: [
            {
              title: 'Run as the image\'s "node" user (1000:1000) and let it write to /app',
              output: lines('FROM node:22.4.1', 'WORKDIR /app', 'COPY . .', 'RUN mkdir -p /app \\', '    && chown 1000:1000 /app', 'USER 1000:1000', 'CMD ["node", "server.js"]'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'last USER is root on Debian: create a system user',
      code: lines('FROM debian:12.5', 'RUN apt-get update', 'USER root', 'CMD ["bash"]'),
      errors: [{ messageId: 'rootUser', line: 3, column: 6, suggestions: [{ output: lines('FROM debian:12.5', 'RUN apt-get update', 'USER root', DEBIAN_USER, 'USER 10001:10001', 'CMD ["bash"]') }] }],
      output: null,
    },
    {
      name: 'USER 0:0 on Alpine: adduser from BusyBox',
      code: lines('FROM alpine:3.20.1', 'USER 0:0', 'CMD ["sh"]'),
      errors: [{ messageId: 'rootUser', line: 2, column: 6, suggestions: [{ output: lines('FROM alpine:3.20.1', 'USER 0:0', ALPINE_USER, 'USER 10001:10001', 'CMD ["sh"]') }] }],
      output: null,
    },
    {
      name: 'root inherited from a parent stage',
      code: lines('FROM python:3.12.4-slim AS base', 'USER root', 'FROM base', 'CMD ["python"]'),
      errors: [
        { messageId: 'rootUser', line: 2, column: 6, suggestions: [{ output: lines('FROM python:3.12.4-slim AS base', 'USER root', 'FROM base', DEBIAN_USER, 'USER 10001:10001', 'CMD ["python"]') }] },
      ],
      output: null,
    },
    {
      name: 'scratch final stage: numeric nonroot user',
      code: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 3,
          column: 1,
          suggestions: [{ output: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'USER 65532:65532', 'ENTRYPOINT ["/app"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'a user the Dockerfile creates is the one to run as',
      code: lines('FROM ubuntu:24.04', 'RUN useradd -u 1001 -m appuser', 'CMD ["bash"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 1,
          suggestions: [{ title: 'Run as the "appuser" user (1001) created in this Dockerfile', output: lines('FROM ubuntu:24.04', 'RUN useradd -u 1001 -m appuser', 'USER 1001', 'CMD ["bash"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM node:22.4.1\r\nCMD ["node"]\r\n',
      errors: [{ messageId: 'noUser', line: 1, column: 1, suggestions: [{ output: 'FROM node:22.4.1\r\nUSER 1000:1000\r\nCMD ["node"]\r\n' }] }],
      output: null,
    },
    {
      name: 'no CMD: USER goes at the end of the stage',
      code: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache curl'),
      errors: [{ messageId: 'noUser', line: 1, column: 1, suggestions: [{ output: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache curl', ALPINE_USER, 'USER 10001:10001') }] }],
      output: null,
    },
    {
      name: 'USER root after the last RUN is replaced, not stacked',
      code: lines('FROM node:22.4.1', 'RUN npm ci', 'USER root', 'CMD ["node", "a.js"]'),
      errors: [{ messageId: 'rootUser', line: 3, column: 6, suggestions: [{ output: lines('FROM node:22.4.1', 'RUN npm ci', 'USER 1000:1000', 'CMD ["node", "a.js"]') }] }],
      output: null,
    },
    {
      name: 'base image resolved through an ARG default',
      code: lines('ARG BASE=alpine:3.20.1', 'FROM ${BASE}', 'CMD ["sh"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 2,
          column: 1,
          message: /alpine runs as root/,
          suggestions: [{ output: lines('ARG BASE=alpine:3.20.1', 'FROM ${BASE}', ALPINE_USER, 'USER 10001:10001', 'CMD ["sh"]') }],
        },
      ],
      output: null,
    },
    {
      name: 'root through an ARG default',
      code: lines('FROM alpine:3.20.1', 'ARG RUN_AS=root', 'USER $RUN_AS'),
      errors: [
        { messageId: 'rootUser', line: 3, column: 6, message: /"root"/, suggestions: [{ output: lines('FROM alpine:3.20.1', 'ARG RUN_AS=root', 'USER $RUN_AS', ALPINE_USER, 'USER 10001:10001') }] },
      ],
      output: null,
    },
    {
      // nginx's master process starts as root and writes /var/run/nginx.pid: USER breaks it. The
      // official image's own command runs it, whose workers run as nginx (AppFlowy's web image).
      name: 'nginx starts as root and drops privileges itself: info, no USER suggestion',
      code: lines('FROM nginx:1.27.0', 'COPY site /usr/share/nginx/html'),
      errors: [{ messageId: 'workerServer', line: 1, column: 1, severity: 'info', message: /starts nginx as root/, suggestions: [] }],
      output: null,
    },
    {
      // With an ENTRYPOINT of its own, the image's gosu entrypoint no longer runs.
      name: 'postgres with an ENTRYPOINT of its own: reported, no USER suggestion',
      code: lines('FROM postgres:16.4', 'COPY run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]'),
      errors: [{ messageId: 'noUser', line: 1, column: 1, suggestions: [] }],
      output: null,
    },
    {
      // The `app` user arrived in .NET 8; USER 1654 on 7.0 would be a user with no passwd entry.
      name: '.NET 7 has no app user: a new user is created instead',
      code: lines('FROM mcr.microsoft.com/dotnet/runtime:7.0.20', 'COPY out /app', 'ENTRYPOINT ["dotnet", "/app/worker.dll"]'),
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 1,
          suggestions: [
            {
              title: /Create an "app" system user \(10001:10001\)/,
              output: lines(
                'FROM mcr.microsoft.com/dotnet/runtime:7.0.20',
                'COPY out /app',
                'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app',
                'USER 10001:10001',
                'ENTRYPOINT ["dotnet", "/app/worker.dll"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Windows ContainerAdministrator',
      code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerAdministrator'),
      // Reported, but no edit: no Windows image can be built where the build suite runs (the docs say USER ContainerUser).
      errors: [{ messageId: 'rootUser', line: 2, column: 6, suggestions: [] }],
      output: null,
    },
    {
      name: 'distroless without the nonroot tag',
      code: lines('FROM gcr.io/distroless/static-debian12:latest', 'ENTRYPOINT ["/app"]'),
      errors: [{ messageId: 'noUser', line: 1, column: 1, suggestions: [{ output: lines('FROM gcr.io/distroless/static-debian12:latest', 'USER 65532:65532', 'ENTRYPOINT ["/app"]') }] }],
      output: null,
    },
  ],
});
