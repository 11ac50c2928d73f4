// `npm run test:electron`: the same editor scenarios as test/e2e, through the `vscode` API in
// desktop VS Code (downloaded by @vscode/test-electron). Where VS Code cannot be downloaded (no
// network but the npm registry, as on the build machines here), it says so and skips; the
// code-server suite (`npm run test:e2e`) covers the scenarios there.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const repo = resolve(import.meta.dirname, '../..');
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.DFH_VSCODE_VERSION ?? 'stable', timeout: 20_000 });
} catch (error) {
  console.log(`test:electron skipped: desktop VS Code could not be downloaded here (${error?.message ?? error}).`);
  console.log('The same scenarios run in code-server with `npm run test:e2e`.');
  process.exit(0);
}

const workspace = mkdtempSync(join(tmpdir(), 'dfh-electron-ws-'));
cpSync(join(repo, 'test/e2e/fixture'), workspace, { recursive: true });
const userData = mkdtempSync(join(tmpdir(), 'dfh-electron-user-'));
try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(import.meta.dirname, 'suite.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', userData],
    extensionTestsEnv: { DFH_WORKSPACE: workspace },
  });
  process.exit(code);
} catch (error) {
  console.error(`test:electron failed: ${error?.message ?? error}`);
  process.exit(1);
}
