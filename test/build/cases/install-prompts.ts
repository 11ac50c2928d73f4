import type { RuleCases } from '../buildCase';

// apt-get asks "Do you want to continue? [Y/n]" when it installs more than the packages named;
// a build has no terminal, so it aborts. `-y` answers yes: where the original built (nothing
// extra to install, no question asked), the image is the same; where it aborted, it now builds.
const cases: RuleCases = {
  rule: 'install-prompts',
  cases: [
    {
      name: 'a package with dependencies: the original aborts at the question, the fixed one builds',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "--version"]\n',
      fix: 'safe',
      beforeFails: true,
    },
    {
      name: 'a package with no dependencies to add: no question was asked, and the image is the same',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install --no-install-recommends netbase \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["cat", "/etc/protocols"]\n',
      fix: 'safe',
    },
  ],
};
export default cases;
