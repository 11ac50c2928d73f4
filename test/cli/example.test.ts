import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules';

const ROOT = join(__dirname, '..', '..');

describe('the bundled example project', () => {
  it('triggers every registered rule (the README promises it)', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'examples/hardening-demo'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const seen = new Set(JSON.parse(result.stdout).findings.map((f: { rule: string }) => f.rule));
    const missing = RULES.map((r) => r.meta.id).filter((id) => !seen.has(id));
    assert.deepEqual(missing, [], 'rules the example does not trigger');
  });
});
