// `npm run test:e2e`: the packaged extension in code-server, driven through Chromium.
// Installs what it needs outside the repository (test/e2e/install.sh), packages the .vsix from
// the current sources, then runs the scenario files one at a time (each starts its own
// code-server). `--update-screenshots` copies the screenshots the tests took to docs/images/,
// where the README shows them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const updateScreenshots = process.argv.includes('--update-screenshots');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

if (process.env.DFH_E2E_SKIP_INSTALL !== '1') run('bash', ['test/e2e/install.sh']);
run('npm', ['run', '-s', 'package']);

// Screenshots of this run only (a failing test leaves failure.png here, with its message).
const screenshots = join(repo, '.e2e-output');
rmSync(screenshots, { recursive: true, force: true });
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join('test/e2e', f));
// tsx lets the scenarios reuse the TypeScript test helpers (the loopback registry).
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=180000', '--test-reporter=spec', ...files], {
  env: { ...process.env, DFH_E2E_SCREENSHOTS: screenshots },
});

if (updateScreenshots) {
  const target = join(repo, 'docs/images');
  mkdirSync(target, { recursive: true });
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  for (const name of readdirSync(screenshots).filter((f) => readme.includes(`docs/images/${f}`))) copyFileSync(join(screenshots, name), join(target, name));
  console.log(`e2e: screenshots copied to ${target}`);
}
