/**
 * The `@vscode/test-electron` suite (test/electron/suite.cjs) needs desktop VS Code, which cannot
 * be downloaded here. Its scenarios use only the `vscode` API, so they run here too: a small
 * harness extension loads the suite in code-server's extension host (the same API) next to the
 * packaged extension, and reports back through a file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyFixture, startSession, waitForFile } from './codeServer.mjs';

const repo = resolve(import.meta.dirname, '../..');
let session;
let resultPath;

function packageHarness() {
  const dir = mkdtempSync(join(tmpdir(), 'dfh-harness-'));
  cpSync(join(repo, 'test/electron/harness'), dir, { recursive: true });
  copyFileSync(join(repo, 'test/electron/suite.cjs'), join(dir, 'suite.cjs'));
  const vsix = join(dir, 'harness.vsix');
  const vsce = spawnSync(process.execPath, [join(repo, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(vsce.status, 0, vsce.stderr);
  return vsix;
}

before(async () => {
  const workspace = copyFixture();
  resultPath = join(mkdtempSync(join(tmpdir(), 'dfh-suite-')), 'result.json');
  // The extension host starts once a window is open on the workspace.
  session = await startSession(workspace, { extraVsix: [packageHarness()], env: { DFH_WORKSPACE: workspace, DFH_SUITE_RESULT: resultPath } });
});

after(() => session?.close());

test("the vscode-API suite passes in code-server's extension host", async () => {
  // The harness renames a complete file into place, so its appearance means it is whole.
  await waitForFile(resultPath, 120_000);
  const result = JSON.parse(readFileSync(resultPath, 'utf8'));
  console.log(result.lines.join('\n'));
  assert.ok(result.ok, result.error);
  assert.ok(result.lines.filter((l) => l.startsWith('ok - ')).length >= 8, result.lines.join('\n'));
});
