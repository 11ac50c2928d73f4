import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/dockerfile/model';
import { variablesAt, workdirAt } from '../../server/src/engine/dockerfile/stageVariables';
import { lines } from '../ruleTester';

describe("a stage's variables and WORKDIR: one table", () => {
  it('WORKDIR $APP in a stage built FROM a parent that sets ENV APP (was "/" in one walk)', () => {
    const model = buildModel(lines('FROM debian:12.6 AS base', 'ENV APP=/srv/app', 'FROM base', 'WORKDIR $APP', 'RUN touch x', 'CMD ["ls"]'));
    const stage = model.stages[1];
    const [, run] = stage.instructions;
    assert.equal(workdirAt(model, stage, run), '/srv/app');
    assert.equal(variablesAt(model, stage, run)('APP'), '/srv/app');
  });

  it('ENV values and ARG defaults are expanded when they are read, in order', () => {
    const model = buildModel(lines('ARG ROOT=/opt', 'FROM debian:12.6', 'ARG ROOT', 'ENV HOME_DIR=$ROOT/home', 'ENV APP=${HOME_DIR}/app', 'WORKDIR $APP', 'ENV APP=/elsewhere', 'RUN true'));
    const stage = model.stages[0];
    const [, , , workdir, reset, run] = stage.instructions;
    assert.equal(variablesAt(model, stage, workdir)('APP'), '/opt/home/app');
    assert.equal(workdirAt(model, stage, reset), '/opt/home/app');
    // A later ENV changes what later instructions see, not what came before.
    assert.equal(variablesAt(model, stage, run)('APP'), '/elsewhere');
    assert.equal(variablesAt(model, stage, workdir)('APP'), '/opt/home/app');
  });

  it('ARGs stay in their stage; a value that needs an unknown variable is unknown, not guessed', () => {
    const model = buildModel(lines('FROM debian:12.6 AS base', 'ARG ONLY_HERE=1', 'ENV FROM_ENV=$UNSET/x', 'FROM base', 'RUN true'));
    const child = model.stages[1];
    const lookup = variablesAt(model, child, child.instructions[0]);
    assert.equal(lookup('ONLY_HERE'), undefined);
    assert.equal(lookup('FROM_ENV'), undefined);
    assert.equal(workdirAt(model, child, null), '/');
  });
});
