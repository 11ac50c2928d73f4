import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { buildModel } from '../../server/src/engine/dockerfile/model';
import { runScripts } from '../../server/src/engine/dockerfile/runScripts';
import { skippedByDefault } from '../../server/src/engine/dockerfile/defaultBuild';
import { parseShell } from '../../server/src/shell/parser';
import { lines } from '../ruleTester';

/** The programs of the RUN on `line` (1-based) that a build without build arguments skips. */
function skipped(text: string): string[] {
  const model = buildModel(text);
  const stage = model.finalStage!;
  return [...runScripts(model, stage)].flatMap((run) => run.script!.commands.filter((c) => skippedByDefault(model, stage, run, c)).map((c) => c.name?.value ?? '?'));
}

describe('what a build without build arguments runs', () => {
  before(() => initEngine());

  it('reads the variable an if tests, for the then branch only', () => {
    const [a, b, c, d] = parseShell('if [ "$INSTALL_DEBUG" ]; then apt-get install -y vim; else echo no; fi; make').commands;
    assert.deepEqual(a.guard, { variable: 'INSTALL_DEBUG', test: 'set' });
    assert.equal(b.guard, undefined, 'the else branch runs without it');
    assert.equal(c.guard, undefined);
    assert.equal(d, undefined);
    const truthy = parseShell("if [ $INSTALL_DEV == 'true' ] ; then poetry install ; else poetry install --only main ; fi").commands;
    assert.deepEqual(truthy[0].guard, { variable: 'INSTALL_DEV', test: 'truthy' });
    assert.equal(parseShell('if [ "$(uname -m)" = x86_64 ]; then make; fi').commands.find((c) => c.name?.value === 'make')?.guard, undefined, 'not a variable test');
  });

  it("skips a branch guarded by an ARG without a default (tubearchivist's INSTALL_DEBUG), not one whose value the file does not know", () => {
    const debug = ['RUN if [ "$INSTALL_DEBUG" ] ; then apt-get update && apt-get install -y vim && pip install ipython ; fi', 'CMD ["python"]'];
    assert.deepEqual(skipped(lines('FROM python:3.12.4-slim', 'ARG INSTALL_DEBUG', ...debug)), ['apt-get', 'apt-get', 'pip']);
    assert.deepEqual(skipped(lines('FROM python:3.12.4-slim', 'ARG INSTALL_DEBUG=1', ...debug)), [], 'a default turns it on');
    assert.deepEqual(skipped(lines('FROM python:3.12.4-slim', ...debug)), [], 'not declared: the base image may set it');
    assert.deepEqual(skipped(lines('FROM python:3.12.4-slim', 'ARG INSTALL_DEV=false', "RUN if [ $INSTALL_DEV == 'true' ] ; then pip install pytest ; fi", 'CMD ["python"]')), ['pip']);
  });
});
