import type { RuleCases } from '../buildCase';

// The clean-up removes apt's lists (a package cache): the image must be the same otherwise.
const cases: RuleCases = {
  rule: 'package-cache-left',
  cases: [
    {
      name: 'update and install in one chain',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq\nCMD ["jq", "--version"]\n',
      fix: 'safe',
    },
    {
      name: 'set -eux chain whose last command ends in ";"',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN set -eux; \\',
        '    apt-get update; \\',
        '    apt-get install -y --no-install-recommends jq; \\',
        '    jq --version;',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'comment lines inside the continuation',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update \\',
        '    # jq is what the entrypoint uses',
        '    && apt-get install -y --no-install-recommends jq \\',
        '    # and make sure it runs',
        '    && jq --version',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'a chain that ends in "|| true"',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq || true\nCMD ["jq", "--version"]\n',
      fix: 'safe',
    },
    {
      name: 'two stages, the final one installs after a USER switch back to root',
      dockerfile: [
        'FROM debian:12-slim AS tools',
        'RUN apt-get update && apt-get install -y --no-install-recommends file',
        'FROM debian:12-slim',
        'COPY --from=tools /usr/bin/file /usr/local/bin/file-copy',
        'USER root',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends jq',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      // Both RUNs fetch lists and both are cleaned (an install from an earlier RUN's lists is
      // reported without a fix: removing them later saves nothing, earlier breaks the install).
      name: 'two RUNs, each with its own update',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends jq',
        'RUN apt-get update && apt-get install -y --no-install-recommends file',
        'CMD ["file", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
  ],
};
export default cases;
