/**
 * The editor's incremental parse (stages parsed apart, unchanged ones reused) must give exactly
 * the findings of one whole parse: on corpus files, on mutated corpus files (which put
 * continuations, heredocs and FROM lines in odd places), and after edits that reuse cached pieces.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ParseCache, stageCuts } from '../../server/src/engine/dockerfile/chunkedParse';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { TEST_NOW } from '../ruleTester';
import { corpusAvailable, corpusFiles, LONG } from './corpus';
import { mutate, prng } from './mutate';

function findingsOf(text: string, parseCache?: ParseCache): string {
  const result = linter.lintDockerfile(text, { now: TEST_NOW, parseCache });
  return JSON.stringify({ findings: result.findings, errors: result.internalErrors });
}

/** Cuts everywhere it may (no size threshold), so small corpus files exercise it too. */
const eagerCache = () => new ParseCache(4096, 0);

describe('incremental parse', () => {
  before(() => initEngine());

  it('cuts only at FROM lines that certainly start an instruction', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=debian:12.5',
      'FROM $BASE AS one',
      'RUN echo \\',
      'FROM not-a-stage',
      'RUN a \\',
      '',
      '# comment',
      'FROM still-not-a-stage',
      'RUN b',
      '# comment',
      '',
      'FROM two',
      'from three',
      '  FROM indented',
    ].join('\n');
    assert.deepEqual(stageCuts(text), [12, 13]);
    assert.deepEqual(stageCuts('FROM a\nRUN <<EOF\nFROM b\nEOF\nFROM c\n'), [], 'heredocs: never cut');
    assert.deepEqual(stageCuts('# escape=`\nFROM a\nRUN a `\nFROM b\n'), [], 'another escape character: never cut');
  });

  it('gives the same findings as one parse on corpus files', { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
    const files = corpusFiles('dockerfile', 400);
    let cut = 0;
    for (const file of files) {
      if (stageCuts(file.text).length > 0) cut++;
      assert.equal(findingsOf(file.text, eagerCache()), findingsOf(file.text), file.path);
    }
    assert.ok(cut > files.length / 20, `only ${cut} of ${files.length} files were cut`);
    console.log(`incremental parse: ${files.length} corpus files (${cut} cut into stages), same findings`);
  });

  it('gives the same findings on mutated files, and after edits that reuse cached stages', { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
    const files = corpusFiles('dockerfile', 200).filter((f) => stageCuts(f.text).length > 0);
    const random = prng(7);
    const rounds = LONG ? 5 : 1;
    let count = 0;
    for (let round = 0; round < rounds; round++) {
      for (const file of files) {
        const cache = eagerCache();
        let text = file.text;
        findingsOf(text, cache);
        // A few edits in a row, as while typing: most stages come from the cache.
        for (let edit = 0; edit < 3; edit++) {
          text = mutate(text, random);
          assert.equal(findingsOf(text, cache), findingsOf(text), `${file.path} (round ${round}, edit ${edit})`);
          count++;
        }
      }
    }
    console.log(`incremental parse: ${count} edited files, same findings`);
  });
});
