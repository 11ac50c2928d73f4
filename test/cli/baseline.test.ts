import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fingerprints } from '../../server/src/cli/baseline';
import { linter } from '../../server/src/defaultLinter';
import { buildModel } from '../../server/src/engine/dockerfile/model';
import { initEngine } from '../../server/src/engine/linter';
import { corpusAvailable, corpusFiles } from '../corpus/corpus';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

/** A small deterministic generator (the same edits on every run). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Unrelated edits: comment and blank lines inserted before instructions (never between a comment,
 * which may be a suppression, and what it applies to; never above the first FROM, where the parser
 * directives are), and other one-line instructions reformatted (more space after the keyword).
 */
function unrelatedEdits(text: string, random: () => number, findingLines: ReadonlySet<number>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const model = buildModel(text);
  const firstFrom = model.stages[0]?.from.getRange().start.line ?? Infinity;
  const starts = model.ast
    .getInstructions()
    .map((i) => i.getRange().start.line)
    .filter((line) => line > firstFrom && !/^\s*#/.test(lines[line - 1] ?? ''));
  const chosen = new Set(starts.filter(() => random() < 0.3));
  // One-line instructions with no finding on them: `ENV A=1` becomes `ENV   A=1`.
  const reformat = new Set(
    model.ast
      .getInstructions()
      .map((i) => i.getRange())
      .filter((r) => r.start.line === r.end.line && r.start.line > firstFrom && !findingLines.has(r.start.line) && random() < 0.3)
      .map((r) => r.start.line),
  );
  const out: string[] = [];
  lines.forEach((line, index) => {
    if (chosen.has(index)) out.push(random() < 0.5 ? '' : '# an unrelated note, added later');
    out.push(reformat.has(index) ? line.replace(/^(\s*[A-Za-z]+) /, '$1   ') : line);
  });
  return out.join(eol);
}

describe('baseline fingerprints', () => {
  before(() => initEngine());

  it('survive unrelated edits: lines added above, comments between instructions, other instructions reformatted (corpus Dockerfiles)', { skip: !corpusAvailable() && 'the corpus is not here' }, () => {
    const random = seeded(20261207);
    let compared = 0;
    for (const file of corpusFiles('dockerfile', 300)) {
      const before = linter.lintFile(file.path, file.text).findings;
      if (before.length === 0) continue;
      const findingLines = new Set(before.flatMap((f) => Array.from({ length: f.range.end.line - f.range.start.line + 1 }, (_, k) => f.range.start.line + k)));
      const edited = unrelatedEdits(file.text, random, findingLines);
      if (edited === file.text) continue;
      const after = linter.lintFile(file.path, edited).findings;
      const printsBefore = fingerprints(file.path, file.text, before, true).sort();
      const printsAfter = fingerprints(file.path, edited, after, true).sort();
      assert.deepEqual(printsAfter, printsBefore, `${file.path}: ${before.map((f) => f.ruleId).join(', ')}`);
      compared++;
    }
    assert.ok(compared > 50, `compared ${compared} files`);
  });

  it('tell two identical findings apart, and change with the finding’s own text', () => {
    const text = 'FROM node:latest AS a\nFROM node:latest AS b\nCMD node server.js\n';
    const findings = linter.lintFile('Dockerfile', text).findings.filter((f) => f.ruleId === 'pin-base-image');
    const prints = fingerprints('Dockerfile', text, findings, true);
    assert.equal(new Set(prints).size, prints.length);
    const changed = 'FROM node:latest AS a\nFROM node:lts AS b\nCMD node server.js\n';
    const other = fingerprints(
      'Dockerfile',
      changed,
      linter.lintFile('Dockerfile', changed).findings.filter((f) => f.ruleId === 'pin-base-image'),
      true,
    );
    assert.ok(other.includes(prints[0]) && !other.includes(prints[1]));
  });
});

describe('lint --write-baseline / --baseline', () => {
  it('records today, gates on new findings only, says which entries no longer match, and SARIF shows the states', () => {
    const root = mkdtempSync(join(tmpdir(), 'dfh-baseline-'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM node:latest\nRUN npm ci\nCMD node server.js\n');
    const written = run(root, ['lint', '--write-baseline', 'baseline.json', '.']);
    assert.equal(written.status, 0, 'writing a baseline passes');
    assert.match(written.stderr, /wrote 3 findings to the baseline baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8'));
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.entries.map((e: { rule: string }) => e.rule).sort(), ['exec-form', 'no-root-user', 'pin-base-image']);

    const clean = run(root, ['lint', '--baseline', 'baseline.json', '--format', 'json', '.']);
    assert.equal(clean.status, 0, clean.stdout);
    assert.deepEqual(JSON.parse(clean.stdout).findings, []);

    // Lines added above, one problem fixed (USER), one new one (curl | sh).
    writeFileSync(join(root, 'Dockerfile'), '# the API image\n\nFROM node:latest\nRUN npm ci\nRUN curl -fsSL https://get.example.com | sh\nUSER node\nCMD node server.js\n');
    const next = run(root, ['lint', '--baseline', 'baseline.json', '--format', 'json', '.']);
    assert.equal(next.status, 1);
    assert.deepEqual(
      JSON.parse(next.stdout).findings.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`),
      ['pipe-to-shell:5'],
    );
    assert.match(next.stderr, /1 baseline entry no longer matches a finding/);

    const sarif = JSON.parse(run(root, ['lint', '--baseline', 'baseline.json', '--format', 'sarif', '.']).stdout);
    const states = sarif.runs[0].results.map((r: { ruleId: string; baselineState: string; partialFingerprints: Record<string, string> }) => {
      assert.match(r.partialFingerprints['dockerfileHardening/v1'], /^[0-9a-f]{32}$/);
      return `${r.ruleId}:${r.baselineState}`;
    });
    assert.deepEqual(states.sort(), ['exec-form:unchanged', 'no-root-user:absent', 'pin-base-image:unchanged', 'pipe-to-shell:new']);

    // Rewriting drops what was fixed.
    run(root, ['lint', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', '.']);
    assert.deepEqual(
      JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8'))
        .entries.map((e: { rule: string }) => e.rule)
        .sort(),
      ['exec-form', 'pin-base-image', 'pipe-to-shell'],
    );
  });

  it('a file that is not a baseline is a usage error', () => {
    const root = mkdtempSync(join(tmpdir(), 'dfh-baseline-'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM node:latest\n');
    writeFileSync(join(root, 'other.json'), '{"findings": []}');
    const result = run(root, ['lint', '--baseline', 'other.json', '.']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not a dockerfile-hardening baseline/);
    assert.equal(run(root, ['lint', '--baseline', 'missing.json', '.']).status, 2);
  });
});
