import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';
import { nodeProject } from '../projects';

// The slim base must still build the Dockerfile and run its command the same way.
const sameOutput = async ({ before, after }: Parameters<NonNullable<RuleCases['cases'][0]['behaviour']>>[0]) => {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  const base = await after.exec(['sh', '-c', 'command -v ps || echo no-procps']);
  assert.equal(base.stdout.trim(), 'no-procps', 'the fixed image is not on the slim base');
};
const cases: RuleCases = {
  rule: 'prefer-slim-base',
  cases: [
    {
      name: 'debian:12 to debian:12-slim, with an apt install',
      dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nCMD ["jq", "-n", "1+1"]\n',
      fix: /Switch to debian:12-slim/,
      behaviour: sameOutput,
    },
    {
      name: 'debian:bookworm with a WORKDIR and a state file',
      dockerfile: 'FROM debian:bookworm\nWORKDIR /srv\nRUN echo ready > state\nCMD ["cat", "/srv/state"]\n',
      fix: /Switch to debian:bookworm-slim/,
      behaviour: sameOutput,
    },
    {
      name: 'node:20 to node:20-slim, the app run by node',
      dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/server.js"]\n',
      files: nodeProject({ dependencies: false }),
      fix: /Switch to node:20-slim/,
      behaviour: sameOutput,
    },
    {
      name: 'the final stage of a multi-stage build, with a USER',
      dockerfile:
        'FROM debian:12-slim AS build\nRUN echo "built" > /artifact\nFROM debian:12 AS runtime\nRUN useradd --uid 1000 app\nCOPY --from=build /artifact /srv/artifact\nUSER app\nCMD ["cat", "/srv/artifact"]\n',
      fix: /Switch to debian:12-slim/,
      behaviour: sameOutput,
    },
    {
      name: 'node:20-bookworm with an npm ci of a local package',
      dockerfile: 'FROM node:20-bookworm\nWORKDIR /srv/api\nCOPY package.json package-lock.json ./\nCOPY vendor vendor\nRUN npm ci --omit=dev\nCOPY src src\nCMD ["node", "src/server.js"]\n',
      files: nodeProject(),
      fix: /Switch to node:20-bookworm-slim/,
      behaviour: sameOutput,
    },
  ],
};
export default cases;
