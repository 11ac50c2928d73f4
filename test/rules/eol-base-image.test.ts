import rule from '../../server/src/rules/eol-base-image';
import { lines, runRuleTests } from '../ruleTester';

// Rule tests run on 2026-11-27 (TEST_NOW).
runRuleTests(rule, {
  valid: [
    { name: 'supported releases', code: lines('FROM node:22.4.1-bookworm-slim') },
    { name: 'only the final image counts', code: lines('FROM node:16.20.2 AS legacy-build', 'FROM node:24.1.0-slim') },
    { name: 'Ubuntu 24.04', code: lines('FROM ubuntu:24.04') },
    { name: 'a date-stamped tag of a supported Debian', code: lines('FROM debian:bookworm-20240311-slim') },
  ],
  invalid: [
    { name: 'node 16', code: lines('FROM node:16-alpine'), errors: [{ messageId: 'eol', line: 1, column: 6, message: /node 16 ended on 2023-09-11.*node 22, 24/ }], output: null },
    {
      name: 'python 3.8 on buster: both reported in one finding',
      code: lines('FROM python:3.8-slim-buster'),
      errors: [{ messageId: 'eol', line: 1, column: 6, message: /python 3\.8 ended on 2024-10-07; debian buster 10 ended on 2024-06-30/ }],
      output: null,
    },
    { name: 'centos 7', code: lines('FROM centos:7'), errors: [{ messageId: 'eol', line: 1, column: 6 }], output: null },
    { name: 'ubuntu by codename', code: lines('FROM ubuntu:focal'), errors: [{ messageId: 'eol', line: 1, column: 6, message: /ubuntu 20\.04 ended on 2025-05-31/ }], output: null },
    { name: 'alpine branch', code: lines('FROM alpine:3.18.6'), errors: [{ messageId: 'eol', line: 1, column: 6 }], output: null },
    {
      name: 'through ARG and a parent stage',
      code: lines('ARG PY=3.7', 'FROM python:${PY}-slim AS base', 'FROM base', 'CMD ["python"]'),
      errors: [{ messageId: 'eolDefault', line: 2, column: 6, severity: 'info', message: /the default of ARG PY/ }],
      output: null,
    },
    {
      name: "an ARG default that release builds override (shiori's ALPINE_VERSION): info, and the message says it is the default",
      code: lines('ARG ALPINE_VERSION=3.19', 'FROM docker.io/library/alpine:${ALPINE_VERSION}', 'CMD ["app"]'),
      errors: [{ messageId: 'eolDefault', line: 2, column: 6, severity: 'info', message: /Builds that pass no other ALPINE_VERSION/ }],
      output: null,
    },
    { name: 'python 2', code: lines('FROM python:2'), errors: [{ messageId: 'eol', line: 1, column: 6, message: /python 2\.7/ }], output: null },
  ],
});
