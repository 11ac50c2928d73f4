import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { baseImageUpdates, dependabotWatchesDocker, renovateWatchesDocker } from '../../server/src/config/updateBots';

async function repository(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dfh-bots-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('update bots that raise base image tags', () => {
  it('Dependabot counts only with a docker or docker-compose entry', () => {
    assert.equal(dependabotWatchesDocker('version: 2\nupdates:\n  - package-ecosystem: "docker"\n    directory: "/"\n    schedule: {interval: weekly}\n'), true);
    assert.equal(dependabotWatchesDocker('version: 2\nupdates:\n  - package-ecosystem: docker-compose\n    directory: /\n'), true);
    assert.equal(dependabotWatchesDocker('version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n  - package-ecosystem: github-actions\n    directory: /\n'), false);
    assert.equal(dependabotWatchesDocker('version: 2\n# docker: later\n'), false);
    assert.equal(dependabotWatchesDocker('updates: [\n'), false);
  });

  it('Renovate counts unless enabledManagers leaves out the Dockerfile manager', () => {
    assert.equal(renovateWatchesDocker('{ "extends": ["config:recommended"] }'), true);
    assert.equal(renovateWatchesDocker('{ "enabledManagers": ["npm", "dockerfile"] }'), true);
    assert.equal(renovateWatchesDocker('{ enabledManagers: ["npm"], }'), false);
  });

  it("reads the config files of a repository, package.json's renovate key included", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: docker\n    directory: /\n' }, 'dependabot'],
      [{ '.github/renovate.json5': '{ extends: ["config:base"] }' }, 'renovate'],
      [{ 'package.json': '{ "name": "x", "renovate": { "extends": ["config:base"] } }' }, 'renovate'],
      // A dependency named renovate is not a config.
      [{ 'package.json': '{ "name": "x", "devDependencies": { "renovate": "^37.0.0" } }' }, 'none'],
      [{ '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n' }, 'none'],
      [{}, 'none'],
    ];
    for (const [files, expected] of cases) {
      const root = await repository(files);
      try {
        assert.equal(baseImageUpdates(root), expected, JSON.stringify(files));
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    }
  });
});
