/**
 * What a plain `docker build` (no `--build-arg`) runs. A command in `if [ "$INSTALL_DEBUG" ]; then …`
 * where the Dockerfile declares `ARG INSTALL_DEBUG` without a default does not run in it: the
 * debug tools it installs (tubearchivist's ipython and pytest) are not in the default image.
 */
import { Arg, Env } from 'dockerfile-ast';
import type { ShellCommand } from '../../shell/parser';
import type { DockerfileModel, Stage } from './model';
import type { RunScript } from './runScripts';
import { lineage } from './stageLineage';
import { variablesAt } from './stageVariables';

/** True when the command is in a branch that a build without build arguments skips. */
export function skippedByDefault(model: DockerfileModel, stage: Stage, run: RunScript, command: ShellCommand): boolean {
  const guard = command.guard;
  if (!guard) return false;
  const value = defaultValue(model, stage, run, guard.variable);
  if (value === null) return false;
  return guard.test === 'set' ? value === '' : !/^(true|1|yes|on)$/i.test(value);
}

/**
 * The variable's value at the RUN in a build that passes no build arguments: its ENV or ARG
 * default, '' for an ARG declared without one, null when the Dockerfile does not say (the base
 * image may set it).
 */
function defaultValue(model: DockerfileModel, stage: Stage, run: RunScript, name: string): string | null {
  const known = variablesAt(model, stage, run.instruction)(name);
  if (known !== undefined) return known;
  const before = stage.instructions.slice(0, Math.max(0, stage.instructions.indexOf(run.instruction)));
  const declared = before.some((i) => i instanceof Arg && i.getProperty()?.getName() === name && i.getProperty()?.getValue() == null);
  const setElsewhere = lineage(stage).some((s) => s.instructions.some((i) => i instanceof Env && i.getProperties().some((p) => p.getName() === name)));
  return declared && !setElsewhere && !model.globalArgs.get(name) ? '' : null;
}
