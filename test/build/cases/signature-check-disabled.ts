import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';

/** The image's command runs jq and prints `expected`: the install worked with checks on. */
const jqRuns =
  (expected: string) =>
  async ({ after }: CaseContext): Promise<void> => {
    const run = await after.command();
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), expected);
  };

// Debian's mirror is signed: with the checks back on, the install still works.
const cases: RuleCases = {
  rule: 'signature-check-disabled',
  cases: [
    {
      name: 'apt-get install --allow-unauthenticated',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --allow-unauthenticated --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "--version"]\n',
      fix: /Remove --allow-unauthenticated/,
      behaviour: async ({ after }) => assert.equal((await after.command()).code, 0),
    },
    {
      // The suggestion once left `apt-get -o install`: the -o took `install` as its value.
      name: 'apt-get -o APT::Get::AllowUnauthenticated=true: the -o goes with its value',
      dockerfile:
        'FROM debian:12-slim\nRUN apt-get update && apt-get -o APT::Get::AllowUnauthenticated=true install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "-n", "6*7"]\n',
      fix: /Remove APT::Get::AllowUnauthenticated=true/,
      behaviour: jqRuns('42'),
    },
    {
      name: 'apt-get --allow-unauthenticated in a set -eux chain with a trailing semicolon',
      dockerfile:
        'FROM debian:12-slim\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends --allow-unauthenticated jq; \\\n    rm -rf /var/lib/apt/lists/*;\nCMD ["jq", "-n", "2*21"]\n',
      fix: /Remove --allow-unauthenticated/,
      behaviour: jqRuns('42'),
    },
    {
      name: 'apt-get --force-yes with -y, an install the next RUN uses',
      dockerfile:
        'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --force-yes --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nRUN jq -n \'"ok"\' > /ok.json\nCMD ["jq", "-r", ".", "/ok.json"]\n',
      fix: /Remove --force-yes/,
      behaviour: jqRuns('ok'),
    },
    {
      name: 'apt --allow-insecure-repositories on apt-get update, under a USER switch',
      dockerfile:
        'FROM debian:12-slim\nRUN useradd --uid 1000 app\nUSER root\nRUN apt-get update --allow-insecure-repositories && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nUSER app\nCMD ["jq", "-n", "1+1"]\n',
      fix: /Remove --allow-insecure-repositories/,
      behaviour: jqRuns('2'),
    },
    {
      name: 'in a build stage, with a comment inside the continuation',
      dockerfile: [
        'FROM debian:12 AS tools',
        'RUN apt-get update \\',
        '# jq for the release notes',
        ' && apt-get install -y --allow-unauthenticated --no-install-recommends jq \\',
        ' && jq --version > /jq-version',
        'FROM debian:12-slim',
        'COPY --from=tools /jq-version /jq-version',
        'CMD ["cat", "/jq-version"]',
        '',
      ].join('\n'),
      fix: /Remove --allow-unauthenticated/,
      behaviour: async ({ before, after }) => {
        const [was, is] = [await before.command(), await after.command()];
        assert.equal(is.code, 0, is.stderr);
        assert.equal(is.stdout, was.stdout);
        assert.match(is.stdout, /^jq-/);
      },
    },
  ],
};
export default cases;
