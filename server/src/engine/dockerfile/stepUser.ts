/** Who a build step runs as: the USER in force before it, through the stage's lineage. */
import type { Instruction } from 'dockerfile-ast';
import { factsFor } from '../knowledge/baseImages';
import { type Stage } from './model';
import { keywordOf } from './instructions';
import { ancestorsFirst, rootBase } from './stageLineage';

const userTables = new WeakMap<Stage, { before: Map<Instruction, string | null>; final: string | null }>();

/** The USER in force before an instruction (inherited through `FROM <stage>`), from one table per stage; null when no USER is set. */
export function userBefore(stage: Stage, instruction: Instruction): string | null {
  const table = ancestorsFirst(stage, userTables, (s) => {
    let user = s.parent && s.parent !== s ? (userTables.get(s.parent)?.final ?? null) : null;
    const before = new Map<Instruction, string | null>();
    for (const i of s.instructions) {
      before.set(i, user);
      if (keywordOf(i) === 'USER') user = i.getArgumentsContent()?.trim() ?? null;
    }
    return { before, final: user };
  });
  return table.before.get(instruction) ?? null;
}

/**
 * Whether a step is known to run as root: the last USER before it in the stage's lineage is root,
 * or there is none and the lineage starts at scratch or at a Docker Hub official image that runs
 * as root. An image the tool knows nothing about may run as anyone (many do not run as root).
 */
export function runsAsRoot(stage: Stage, step: Instruction): boolean {
  const user = userBefore(stage, step);
  if (user !== null) return /^(root|0)(:.*)?$/.test(user);
  const base = rootBase(stage);
  if (base.isScratch) return true;
  return base.ref !== null && base.ref.official && factsFor(base.ref, false).defaultUser === null;
}

/**
 * The mode option a secret mount needs for a step to read it: BuildKit mounts the file as root's
 * with mode 0400, so a step that may run as another user would read nothing and its variable would
 * be silently empty (found by a real build). Empty for steps known to run as root.
 */
export function secretMountMode(stage: Stage | undefined, step: Instruction): string {
  return stage && runsAsRoot(stage, step) ? '' : ',mode=0444';
}
