import rule from '../../server/src/rules/prefer-slim-base';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'already slim', code: lines('FROM node:22.4.1-slim') },
    { name: 'alpine', code: lines('FROM python:3.12.4-alpine3.20') },
    { name: 'builder stage', code: lines('FROM node:22.4.1 AS build', 'FROM node:22.4.1-slim') },
    { name: 'dev container', code: lines('FROM python:3.12.4'), filePath: 'project/.devcontainer/Dockerfile' },
    { name: 'images without a slim variant', code: lines('FROM nginx:1.27.0') },
  ],
  invalid: [
    {
      name: 'node: -slim after the version',
      code: lines('FROM node:22.4.1', 'CMD ["node", "a.js"]'),
      errors: [{ messageId: 'slim', line: 1, column: 6, message: /node:22\.4\.1-slim/, suggestions: [{ output: lines('FROM node:22.4.1-slim', 'CMD ["node", "a.js"]') }] }],
      output: null,
    },
    {
      name: 'python with a codename: -slim before the codename',
      code: lines('FROM python:3.12.4-bookworm'),
      errors: [{ messageId: 'slim', line: 1, column: 6, suggestions: [{ output: lines('FROM python:3.12.4-slim-bookworm') }] }],
      output: null,
    },
    {
      name: 'temurin JDK to JRE',
      code: lines('FROM eclipse-temurin:21.0.3_9-jdk-jammy', 'COPY app.jar /app.jar'),
      errors: [{ messageId: 'slim', line: 1, column: 6, suggestions: [{ output: lines('FROM eclipse-temurin:21.0.3_9-jre-jammy', 'COPY app.jar /app.jar') }] }],
      output: null,
    },
    {
      name: 'the Dockerfile uses curl without installing it: no switch offered',
      code: lines('FROM debian:12.5', 'RUN curl -fsSL https://x -o /x'),
      errors: [{ messageId: 'slim', line: 1, column: 6, message: /documentation, man pages and locales/, suggestions: [] }],
      output: null,
    },
  ],
});
