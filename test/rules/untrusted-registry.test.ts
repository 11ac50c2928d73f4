import rule from '../../server/src/rules/untrusted-registry';
import { lines, runRuleTests } from '../ruleTester';

const trusted = ['docker.io', '*.gcr.io', 'ghcr.io/my-org'];

runRuleTests(rule, {
  valid: [
    { name: 'no list configured: anything goes', code: lines('FROM quay.io/x/y:1.0.0') },
    {
      name: 'Docker Hub, a subdomain wildcard, an org prefix',
      code: lines('FROM node:22.4.1', 'FROM us.gcr.io/proj/img:1.0.0', 'FROM ghcr.io/my-org/base:2.1.0', 'FROM scratch'),
      trustedRegistries: trusted,
    },
    {
      name: 'COPY --from a stage, by name or index, and a mount from a trusted image',
      code: lines(
        'FROM node:22.4.1 AS build',
        'RUN true',
        'FROM node:22.4.1',
        'COPY --from=build /a /a',
        'COPY --from=0 /b /b',
        'RUN --mount=type=bind,from=ghcr.io/my-org/tools:1.0,target=/t /t/run',
      ),
      trustedRegistries: trusted,
    },
  ],
  invalid: [
    {
      // hadolint's DL3026 reads these too: their files land in the image as a base's do.
      name: 'COPY --from an image and a RUN mount from an image of an untrusted registry',
      code: lines('FROM node:22.4.1', 'COPY --from=quay.io/team/tools:1.0 /bin/tool /usr/local/bin/tool', 'RUN --mount=type=bind,from=quay.io/team/tools:1.0,target=/mnt/t /mnt/t/run'),
      trustedRegistries: trusted,
      errors: [
        { messageId: 'untrusted', line: 2, column: 6, message: /quay\.io\/team\/tools:1\.0 comes from quay\.io/ },
        { messageId: 'untrusted', line: 3, column: 5 },
      ],
      output: null,
    },
    {
      name: 'another registry, and another org on a trusted host',
      code: lines('FROM quay.io/prometheus/node-exporter:v1.8.1', 'FROM ghcr.io/someone-else/base:1.0.0'),
      trustedRegistries: trusted,
      errors: [
        { messageId: 'untrusted', line: 1, column: 6, message: /quay\.io, which is not in trustedRegistries/ },
        { messageId: 'untrusted', line: 2, column: 6 },
      ],
      output: null,
    },
    {
      name: 'through an ARG',
      code: lines('ARG BASE=registry.example.com/base:1.0.0', 'FROM ${BASE}'),
      trustedRegistries: ['docker.io'],
      errors: [{ messageId: 'untrusted', line: 2, column: 6 }],
      output: null,
    },
  ],
});
