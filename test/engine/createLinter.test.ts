import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createLinter, initEngine } from '../../server/src/engine/linter';
import { keywordOf } from '../../server/src/engine/dockerfile/instructions';
import { defineRule, ruleKinds } from '../../server/src/engine/rule';
import { lines } from '../ruleTester';

/** A rule of a test's own: every EXPOSE is reported. Its peer id is made up. */
const noExpose = defineRule({
  meta: {
    id: 'no-expose',
    group: 'other-security',
    description: 'Test rule: no EXPOSE.',
    severity: 'warning',
    messages: { expose: 'EXPOSE on line {{line}}' },
    applicability: [],
    peers: { hadolint: ['DL9999'] },
  },
  check({ model, report }) {
    for (const instruction of model.ast.getInstructions()) {
      if (keywordOf(instruction) === 'EXPOSE') report({ messageId: 'expose', data: { line: instruction.getRange().start.line + 1 }, range: instruction.getRange() });
    }
  },
});

describe('the engine with a rule set of its own', () => {
  before(() => initEngine());

  it('runs only the rules it is given, and reads peer ids from their metadata', () => {
    const linter = createLinter([noExpose]);
    const code = lines('FROM alpine', 'EXPOSE 80', '# hadolint ignore=DL9999', 'EXPOSE 443', 'USER root');
    assert.deepEqual(
      linter.lintDockerfile(code).findings.map((f) => `${f.ruleId}: ${f.message}`),
      ['no-expose: EXPOSE on line 2'],
    );
    assert.deepEqual(linter.peers.rulesFor('hadolint', 'DL9999'), [noExpose]);
    // DL3002 is no-root-user's peer id: not a rule of this linter.
    assert.deepEqual(linter.peers.rulesFor('hadolint', 'DL3002'), []);
  });

  it('a rule offers only the edits its metadata declares: a stray safe fix is dropped and reported', () => {
    const overreaching = defineRule({
      ...noExpose,
      meta: { ...noExpose.meta, id: 'overreaching', applicability: ['suggestion'] },
      check({ model, report }) {
        const from = model.stages[0].from;
        const fix = { title: 'Delete the FROM', edits: [{ range: from.getRange(), newText: '' }] };
        report({ messageId: 'expose', data: { line: 1 }, range: from.getRange(), fix, suggestions: [fix] });
      },
    });
    const result = createLinter([overreaching]).lintDockerfile(lines('FROM alpine'));
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].fix, undefined, 'a safe fix the rule does not declare was kept');
    assert.equal(result.findings[0].suggestions?.length, 1);
    assert.deepEqual(result.internalErrors, ['overreaching: offered a safe fix ("Delete the FROM") but declares suggestion']);
  });

  it('a rule reads the kinds it has a check for, and each check gets only its kind', () => {
    const seen: string[] = [];
    const composeOnly = defineRule({
      meta: { ...noExpose.meta, id: 'compose-only', messages: { here: 'here' } },
      documents: {
        compose: ({ document, report }) => {
          seen.push(document.kind);
          const line = document.source.text.split('\n').findIndex((text) => text.startsWith('services'));
          report({ messageId: 'here', range: { start: { line, character: 0 }, end: { line, character: 8 } } });
        },
      },
    });
    assert.deepEqual(ruleKinds(composeOnly), ['compose']);
    assert.deepEqual(ruleKinds(noExpose), ['dockerfile']);
    const linter = createLinter([composeOnly, noExpose]);
    assert.deepEqual(
      linter.lintFile('compose.yaml', 'services: {}\n').findings.map((f) => f.ruleId),
      ['compose-only'],
    );
    assert.deepEqual(linter.lintFile('.devcontainer/devcontainer.json', '{}').findings, []);
    assert.deepEqual(
      linter.lintFile('Dockerfile', 'FROM alpine\nEXPOSE 80\n').findings.map((f) => f.ruleId),
      ['no-expose'],
    );
    assert.deepEqual(seen, ['compose']);
    // The same suppression comments in a document, through the one suppression module.
    assert.deepEqual(linter.lintFile('compose.yaml', '# hardening-ignore compose-only\nservices: {}\n').findings, []);
  });

  it('loading the suppression code and the engine loads no rule', () => {
    const root = join(__dirname, '..', '..');
    const probe = [
      "require('./server/src/engine/suppressions');",
      "require('./server/src/engine/linter');",
      "const loaded = Object.keys(require.cache).filter((p) => p.includes('/server/src/rules/'));",
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
