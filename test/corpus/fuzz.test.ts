/**
 * Robustness: the engine on mutated corpus files and hostile inputs never throws, never hangs
 * (a time bound per file) and reports no internal error. Mutations come from a seeded PRNG so
 * a failure can be reproduced; DFH_LONG=1 runs many more rounds.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { compatibleFixes, fixText } from '../../server/src/engine/edits/fixAll';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { TEST_NOW } from '../ruleTester';
import { corpusAvailable, corpusFiles, LONG } from './corpus';
import { mutate, prng } from './mutate';

function checkQuickly(text: string, label: string, boundMs: number, fix = true): void {
  const started = performance.now();
  const result = linter.lintDockerfile(text, { now: TEST_NOW });
  if (fix) fixText(linter, text, { now: TEST_NOW }, 3);
  const elapsed = performance.now() - started;
  assert.deepEqual(result.internalErrors, [], `${label}: internal error`);
  assert.ok(elapsed < boundMs, `${label}: took ${elapsed.toFixed(0)} ms`);
}

describe('engine robustness', () => {
  before(() => initEngine());

  it('hostile inputs: binary, huge lines, deep continuations, unterminated heredocs and JSON, BOMs, encodings', () => {
    const random = prng(1);
    const bytes = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    const cases: Record<string, string> = {
      empty: '',
      'only a BOM': '\uFEFF',
      'random bytes': bytes,
      'a 1 MB line': `FROM a\nRUN echo ${'x'.repeat(1_000_000)}\n`,
      'a 1 MB line of shell operators': `FROM a\nRUN ${'a && '.repeat(200_000)}b\n`,
      '10,000 continuation lines': `FROM a\nRUN echo \\\n${'  x \\\n'.repeat(10_000)}  done\n`,
      'unterminated heredoc': 'FROM a\nRUN <<EOF\necho hi\n',
      'unterminated JSON': 'FROM a\nCMD ["node", "a.js"\nENTRYPOINT [\n',
      'nested quotes in JSON': 'FROM a\nCMD ["\\"", "\\\\", "]"]\n',
      'UTF-16 bytes read as UTF-8': Buffer.from('FROM node\nUSER root\n', 'utf16le').toString('utf8'),
      'CR only line ends': 'FROM a\rRUN b\rCMD c\r',
      'lone surrogates': 'FROM a\nRUN echo \uD800\uDFFF\uDC00\n',
      'escape directive twice': '# escape=`\n# escape=\\\nFROM a\nRUN a `\n b\n',
      'deep variable nesting': `FROM a\nARG X=${'${Y:-'.repeat(2000)}z${'}'.repeat(2000)}\nFROM $X\n`,
      '5,000 stages': Array.from({ length: 5000 }, (_, i) => `FROM s${i - 1} AS s${i}`).join('\n'),
    };
    // Bounds catch hangs, not slowness (the benchmark measures speed): generous enough for a loaded CI machine.
    for (const [label, text] of Object.entries(cases)) checkQuickly(text, label, 30_000);
  });

  it('a 10 MB Dockerfile is linted in linear time, and 110,000 fixes are chosen without a quadratic pass', () => {
    const block = 'RUN apt-get update && apt-get install -y curl\nENV A=1\nCOPY . /app\n';
    // The CLI and the editor skip files over 5 MB with a message; the engine must still cope.
    const text = `FROM debian:12.5\n${block.repeat(Math.ceil(10_000_000 / block.length))}`;
    checkQuickly(text, '10 MB', 240_000, false);
    const started = performance.now();
    const { findings } = linter.lintDockerfile(text.slice(0, 2_000_000), { now: TEST_NOW });
    const fixes = compatibleFixes(findings);
    assert.ok(fixes.length > 20_000, `${fixes.length} fixes`);
    assert.ok(performance.now() - started < 120_000);
  });

  it('mutated corpus files', { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
    const files = corpusFiles('dockerfile', 200);
    const random = prng(42);
    const rounds = LONG ? 5 : 1;
    let count = 0;
    for (let round = 0; round < rounds; round++) {
      for (const file of files) {
        const mutated = mutate(file.text, random);
        checkQuickly(mutated, `${file.path} (round ${round})`, 15_000);
        count++;
      }
    }
    console.log(`fuzz: ${count} mutated corpus files, no exception, no internal error`);
  });

  it('mutated compose files, dev containers, workflows and ignore files, and hostile YAML', { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
    const random = prng(99);
    let count = 0;
    for (const kind of ['compose', 'devcontainer', 'workflow', 'dockerignore']) {
      for (const file of corpusFiles(kind, LONG ? null : 40)) {
        for (let round = 0; round < (LONG ? 3 : 1); round++) {
          const mutated = mutate(file.text, random);
          const started = performance.now();
          const result = linter.lintFile(file.path, mutated, { now: TEST_NOW });
          assert.deepEqual(result.internalErrors, [], `${file.path} (round ${round})`);
          assert.ok(performance.now() - started < 15_000, `${file.path}: too slow`);
          count++;
        }
      }
    }
    const hostile: [string, string][] = [
      ['compose.yaml', 'services:\n' + '  a: &a\n    <<: *a\n'.repeat(3)],
      ['compose.yaml', `${'- '.repeat(5000)}x`],
      ['k8s/deep.yaml', `${'a:\n'.repeat(1)}${'['.repeat(10_000)}`],
      ['.github/workflows/x.yml', 'jobs: !!binary AAAA\n'],
      ['Jenkinsfile', `sh '''${'docker build .\n'.repeat(10_000)}`],
      ['.devcontainer/devcontainer.json', `{"mounts": [${'{'.repeat(20_000)}`],
      ['azure-pipelines.yml', 'steps:\n  - script: |\n      docker run -v /var/run/docker.sock:/s \\\n'],
    ];
    for (const [path, text] of hostile) {
      const started = performance.now();
      assert.deepEqual(linter.lintFile(path, text, { now: TEST_NOW }).internalErrors, [], path);
      assert.ok(performance.now() - started < 15_000, `${path}: too slow`);
    }
    console.log(`fuzz: ${count} mutated non-Dockerfile corpus files and ${hostile.length} hostile ones, no exception, no internal error`);
  });
});
