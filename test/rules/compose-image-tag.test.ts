import rule from '../../server/src/rules/compose-image-tag';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'exact versions, digests, version lines (postgres:16, a codename), the image a service builds, a registry from a variable',
      filePath: 'compose.yaml',
      code: lines(
        'services:',
        '  db:',
        '    image: postgres:16',
        '  cache:',
        '    image: redis@sha256:6b2a4e0cf07d6b81b1bb42a0f75d5cb2ff1fa3f9a6a4cc0ddb7cc6cab0e54a4e',
        '  proxy:',
        '    image: nginx:1.27.3-alpine',
        '  base:',
        '    image: debian:bookworm-slim',
        '  app:',
        '    build: .',
        '    image: acme/app',
        '  other:',
        '    image: ${REGISTRY}/tool',
      ),
    },
    {
      // linkding's test environments run the image its script builds as `sissbruecker/linkding:local`.
      name: 'an image built on this machine: a local tag, or pull_policy never',
      filePath: 'compose.yaml',
      code: lines('services:', '  linkding:', '    image: sissbruecker/linkding:local', '  tool:', '    image: acme/tool', '    pull_policy: never'),
    },
  ],
  invalid: [
    {
      name: 'no tag, latest through a variable default, and a tag with no version',
      filePath: 'docker-compose.yml',
      code: lines('services:', '  web:', '    image: acme/web', '  worker:', '    image: acme/worker:${TAG:-latest}', '  cache:', '    image: redis:alpine'),
      errors: [
        { messageId: 'missing', line: 3, column: 12, severity: 'info', message: /^Service "web" pulls acme\/web with no tag, so it means "latest"/ },
        { messageId: 'latest', line: 5, column: 12, severity: 'info', message: /^Service "worker" pulls acme\/worker:latest \(through acme\/worker:\$\{TAG:-latest\}\), which moves/ },
        { messageId: 'channel', line: 7, column: 12, severity: 'info' },
      ],
      output: null,
    },
    {
      name: 'in a test compose file, latest is a hint',
      filePath: 'tests/e2e/docker-compose.yml',
      code: lines('services:', '  browser:', '    image: selenium/standalone-chrome:latest'),
      errors: [{ messageId: 'latest', line: 3, column: 12, severity: 'hint' }],
      output: null,
    },
  ],
});
