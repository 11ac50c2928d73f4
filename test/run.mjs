// Runs every *.test.ts under test/ with Node's test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The build suite (test/build, real image builds as root) runs only with --build.
const buildSuite = process.argv.includes('--build');
const only = process.argv.slice(2).filter((a) => a !== '--build');
function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' || name === 'e2e' || (name === 'build' && !buildSuite) ? [] : collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}
const files = collect(buildSuite ? 'test/build' : 'test')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
