import type { RuleCases } from '../buildCase';

// Moving `apt-get update` into the step that installs: the same packages from the same mirror,
// so the same image (the lists themselves are a package cache).
const cases: RuleCases = {
  rule: 'apt-update-alone',
  cases: [
    {
      name: 'update in its own RUN before the install',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends jq\nCMD ["jq", "--version"]\n',
      fix: 'safe',
    },
    {
      name: 'update with -qq and a set -eux install chain',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update -qq',
        'RUN set -eux; \\',
        '    apt-get install -y --no-install-recommends jq; \\',
        '    rm -rf /var/lib/apt/lists/*;',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'an ENV between the update and the install',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update',
        'ENV DEBIAN_FRONTEND=noninteractive',
        'RUN apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'in the second of two stages',
      dockerfile: [
        'FROM debian:12-slim AS base',
        'WORKDIR /app',
        'FROM base',
        'RUN apt-get update',
        'RUN apt-get install -y --no-install-recommends file \\',
        '    && file --version',
        'CMD ["file", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'update and install with comments in between',
      dockerfile: [
        'FROM debian:12-slim',
        '# refresh the index',
        'RUN apt-get update',
        '# then the tools',
        'RUN apt-get install -y --no-install-recommends jq file',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
  ],
};
export default cases;
