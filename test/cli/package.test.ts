import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

describe('npm run package', () => {
  it('makes a .vsix that holds only the bundles, the parser, docs and the manifest', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dfh-vsix-')), 'extension.vsix');
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const packed = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stdout + packed.stderr);
    // python3 is on every machine this runs on; unzip may not be.
    const listing = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out], { encoding: 'utf8' });
    const files = listing.stdout
      .trim()
      .split('\n')
      .filter((f) => f.startsWith('extension/'))
      .map((f) => f.slice('extension/'.length))
      .sort();
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|readme\.md|LICENSE\.txt|dist\/(client|server|lint-worker)\.js|dist\/[\w-]+\.wasm|docs\/rules\/[\w-]+\.md|syntaxes\/[\w.]+\.json|language-configuration\/[\w.]+\.json|schemas\/[\w.-]+\.json)$/.test(
          f,
        ),
    );
    assert.deepEqual(unexpected, []);
    assert.ok(files.includes('dist/client.js') && files.includes('dist/server.js') && files.includes('dist/tree-sitter-bash.wasm') && files.includes('dist/lint-worker.js'));
    assert.ok(statSync(out).size < 1024 * 1024, `vsix is ${statSync(out).size} bytes`);
  });
});
