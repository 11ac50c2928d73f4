import rule from '../../server/src/rules/stage-reference';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'COPY --from an earlier stage, by name and by index',
      code: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app', 'COPY --from=0 /etc/ssl/certs /etc/ssl/certs'),
    },
    { name: 'stage names are case-insensitive', code: lines('FROM golang:1.22.5 AS Build', 'FROM scratch', 'COPY --from=build /app /app') },
    {
      name: 'an image with a tag or a registry path',
      code: lines('FROM debian:12.6-slim', 'COPY --from=nginx:1.27.0 /etc/nginx/nginx.conf /etc/', 'COPY --from=ghcr.io/org/tools /bin/tool /usr/local/bin/'),
    },
    { name: 'a build argument names the source', code: lines('ARG FROM_STAGE=build', 'FROM golang:1.22.5 AS build', 'FROM scratch', 'COPY --from=${FROM_STAGE} /app /app') },
    // discourse: `templates` is a named build context its bake file passes (contexts = { templates = "../templates" }).
    {
      name: 'a name far from every stage: a named build context or an image',
      code: lines('FROM debian:12.6-slim AS repo-fetcher', 'FROM debian:12.6-slim', 'COPY --from=templates /redis.template.yml /pups/', 'COPY --from=busybox /bin/busybox /bin/'),
    },
    { name: 'a whole folder of a stage, not its root', code: lines('FROM node:22.4.1 AS build', 'FROM node:22.4.1-slim', 'COPY --from=build /app/dist /app/dist') },
    // Seen in the corpus: flattening onto scratch (cross-rs), a helper's root into a builder (xx), a rootfs into a folder (dotnet).
    { name: 'flattening a stage onto scratch', code: lines('FROM ubuntu:24.04 AS build', 'RUN apt-get update', 'FROM scratch AS final', 'COPY --from=build / /') },
    {
      name: "a helper's root into a builder stage",
      code: lines('FROM tonistiigi/xx:1.4.0 AS xx', 'FROM rust:1.79.0 AS build', 'COPY --from=xx / /', 'FROM debian:12.6-slim', 'COPY --from=build /app /app'),
    },
    {
      name: 'a root copied into a folder',
      code: lines('FROM gcr.io/distroless/base-debian12:nonroot AS distroless', 'FROM mcr.microsoft.com/azurelinux/base/core:3.0', 'COPY --from=distroless / /rootfs'),
    },
  ],
  invalid: [
    {
      name: 'a stage defined further down',
      code: lines('FROM debian:12.6-slim AS app', 'COPY --from=tools /usr/bin/jq /usr/bin/', 'FROM debian:12.6-slim AS tools'),
      errors: [{ messageId: 'later', line: 2, column: 13, endColumn: 18, severity: 'warning', message: /line 3/ }],
      output: null,
    },
    {
      // A typo of a stage name pulls an unpinned image from Docker Hub.
      name: 'a name that is no stage',
      code: lines('FROM golang:1.22.5 AS builder', 'FROM scratch', 'COPY --from=build /app /app'),
      errors: [{ messageId: 'unknown', line: 3, column: 13, severity: 'warning', message: /did you mean "builder"\? .*docker\.io\/library\/build:latest/ }],
      output: null,
    },
    {
      name: 'a near miss of a stage name: a letter swapped',
      code: lines('FROM node:22.4.1 AS assets', 'FROM nginx:1.27.0', 'COPY --from=asests /dist /usr/share/nginx/html'),
      errors: [{ messageId: 'unknown', line: 3, column: 13, message: /did you mean "assets"/ }],
      output: null,
    },
    {
      name: 'a stage copying from itself, by name and by index',
      code: lines('FROM golang:1.22.5 AS build', 'COPY --from=build /a /b', 'FROM scratch', 'COPY --from=1 /a /b', 'COPY --from=7 /a /b'),
      errors: [
        { messageId: 'self', line: 2, column: 13, severity: 'error' },
        { messageId: 'index', line: 4, column: 13, message: /is this one/ },
        { messageId: 'index', line: 5, column: 13, message: /does not exist \(there are 2\)/ },
      ],
      output: null,
    },
    {
      name: 'a duplicate stage name',
      code: lines('FROM node:22.4.1 AS build', 'FROM node:22.4.1 AS BUILD', 'FROM node:22.4.1-slim'),
      errors: [{ messageId: 'duplicate', line: 2, column: 1, severity: 'error', message: /first at line 1/ }],
      output: null,
    },
    {
      name: 'COPY --from=build / / undoes the split',
      code: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app .', 'FROM debian:12.6-slim', 'COPY --from=build / /'),
      errors: [{ messageId: 'wholeStage', line: 4, column: 1, severity: 'warning' }],
      output: null,
    },
  ],
});
