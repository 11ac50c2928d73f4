/**
 * The per-file budget: a file that runs past the deadline, or past the heap cap, is skipped and
 * every other file of the run is still linted; in the editor's own thread, a vm deadline stops
 * the lint and the thread goes on. The slow file is a real one (4 MB of instructions; the engine
 * lints about a megabyte a second), not a test hook in the product.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { runWithDeadline } from '../../server/src/runner/deadline';
import type { LintJob } from '../../server/src/runner/lintJob';
import { LintPool } from '../../server/src/runner/lintPool';

const SLOW = `FROM debian:12.5\n${'RUN apt-get update && apt-get install -y curl && sudo chmod 777 /tmp\nENV A=1\nCOPY . /app\n'.repeat(45_000)}`;
const job = (display: string, text: string): LintJob => ({ path: null, display, text, severityOverrides: [], trustedRegistries: null });

describe('lint workers with a budget per file', () => {
  it('a file past the deadline is skipped; the files before and after it are linted', async () => {
    const pool = new LintPool({ threads: 1, deadlineMs: 300, heapMb: 1024 });
    try {
      const outcomes = new Map<number, Awaited<ReturnType<LintPool['lint']>>>();
      await pool.lintAll([job('a/Dockerfile', 'FROM node\n'), job('slow/Dockerfile', SLOW), job('b/Dockerfile', 'FROM alpine:latest\n')], (i, o) => outcomes.set(i, o));
      assert.equal(outcomes.get(1)?.status, 'skipped');
      assert.match((outcomes.get(1) as { reason: string }).reason, /^skipped: took longer than 0\.3 s$/);
      for (const i of [0, 2]) {
        const outcome = outcomes.get(i)!;
        assert.equal(outcome.status, 'done');
        assert.ok(outcome.status === 'done' && outcome.findings.some((f) => f.ruleId === 'pin-base-image'), `file ${i}`);
      }
    } finally {
      await pool.close();
    }
  });

  it('a file past the heap cap is skipped, and the next one is linted by a fresh worker', async () => {
    const pool = new LintPool({ threads: 1, deadlineMs: 120_000, heapMb: 32 });
    try {
      const [big, small] = await Promise.all([pool.lint(job('big/Dockerfile', SLOW)), pool.lint(job('small/Dockerfile', 'FROM node\n'))]);
      assert.equal(big.status, 'skipped');
      assert.match((big as { reason: string }).reason, /needed more than 32 MiB of memory/);
      assert.equal(small.status, 'done');
    } finally {
      await pool.close();
    }
  });
});

describe("the editor thread's deadline", () => {
  before(() => initEngine());

  it('stops a lint past its budget, and the next lint (shell parser included) works', () => {
    const stopped = runWithDeadline(200, () => linter.lintFile('Dockerfile', SLOW, {}));
    assert.equal(stopped.done, false);
    const next = runWithDeadline(10_000, () => linter.lintFile('Dockerfile', 'FROM a:1.0.0\nRUN curl -k https://x | sh\n', {}));
    assert.ok(next.done && next.value.findings.some((f) => f.ruleId === 'pipe-to-shell'));
  });
});

describe('dockerfile-hardening lint --file-timeout', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'dfh-deadline-'));
    for (const [path, text] of [
      ['api/Dockerfile', 'FROM node\n'],
      ['huge/Dockerfile', SLOW],
      ['web/Dockerfile', 'FROM nginx:latest\n'],
    ]) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('says which file was skipped, still reports every other file, and fails the gate', () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--file-timeout', '0.3', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /huge\/Dockerfile: skipped: took longer than 0\.3 s/);
    const report = JSON.parse(run.stdout) as { findings: { file: string }[]; skipped: { file: string; reason: string }[] };
    assert.deepEqual(report.skipped, [{ file: 'huge/Dockerfile', reason: 'skipped: took longer than 0.3 s' }]);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))].sort(), ['api/Dockerfile', 'web/Dockerfile']);
    const usage = spawnSync(process.execPath, [cli, 'lint', '--file-timeout', '0', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--file-timeout takes a number of seconds/);
  });
});
