import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { defineRule } from '../../server/src/engine/rule';
import type { Fix } from '../../server/src/engine/types';

// A rule whose fixes append a given text to the first RUN: the guard must let through the
// ones that parse and withhold the one that would leave "; &&" in the script.
const appending = (...texts: string[]) =>
  defineRule({
    meta: { id: 'test-appender', group: 'other-security', description: 'test', severity: 'warning', messages: { m: 'm' }, applicability: ['safe', 'suggestion'], peers: {} },
    check({ model, report }) {
      const run = model.ast.getInstructions().find((i) => i.getKeyword() === 'RUN')!;
      const end = run.getRange().end;
      const fixes: Fix[] = texts.map((text) => ({ title: `append ${text}`, edits: [{ range: { start: end, end }, newText: text }] }));
      report({ messageId: 'm', range: run.getRange(), fix: fixes[0], suggestions: fixes.slice(1) });
    },
  });

describe('fixes that touch a RUN keep it parseable', () => {
  before(() => initEngine());

  it('withholds a fix that would add a shell syntax error, keeps the ones that do not', () => {
    const text = 'FROM debian:12.5\nRUN apt-get update;\nCMD ["bash"]\n';
    const [finding] = linter.lintDockerfile(text, { rules: [appending(' && && rm -rf /x', ' true', ' && echo ok')] }).findings;
    assert.equal(finding.fix, undefined, 'the breaking fix is still offered');
    assert.deepEqual(
      finding.suggestions?.map((s) => s.title),
      ['append  true'],
    );
  });

  it('leaves a RUN that was already broken to be fixed no worse', () => {
    const text = 'FROM debian:12.5\nRUN a; && b\nCMD ["bash"]\n';
    const [finding] = linter.lintDockerfile(text, { rules: [appending(' c')] }).findings;
    assert.equal(finding.fix?.title, 'append  c');
  });
});
