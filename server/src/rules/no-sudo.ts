import { factsFor } from '../engine/baseImages';
import { ancestorsFirst, keywordOf, rootBase, type DockerfileModel, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { allCommands, commandRange, removeOption } from '../engine/shellEdits';
import type { Instruction } from 'dockerfile-ast';
import type { TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'no-sudo',
    group: 'other-security',
    description: 'RUN must not use sudo: build steps run as root already, and sudo in the image is a way back to root.',
    severity: 'warning',
    messages: {
      sudo: 'sudo in a RUN step: steps run as the current USER, and installing sudo leaves a way back to root in the image. Switch USER around the step instead.',
    },
    fix: 'mixed',
    peers: { hadolint: ['DL3004'], trivy: ['DS-0010', 'AVD-DS-0010', 'DS010'], checkov: ['CKV2_DOCKER_1'] },
  },
  check({ model, report }) {
    for (const { stage, run, command } of allCommands(model)) {
      if (command.name?.value !== 'sudo') continue;
      // `sudo -u app …` run as root drops privileges, like gosu: not a way back to root.
      if (command.args.some((a) => a.value === '-u' || a.value?.startsWith('--user'))) continue;
      // `sudo -u other cmd` or other options change more than the user: no mechanical rewrite.
      const plain = command.args.length > 0 && !(command.args[0].value ?? '-').startsWith('-');
      const edits: TextEdit[] = plain ? [removeOption(model, run, command.name)] : [];
      const root = runsAsRoot(model, stage, run.instruction);
      report({
        messageId: 'sudo',
        range: commandRange(run, command),
        ...(plain && root ? { fix: { title: 'Remove sudo (this step already runs as root)', safe: true, edits } } : {}),
        ...(plain && !root ? { suggestions: [{ title: 'Remove sudo (add USER root before this step if it needs root)', safe: false, edits }] } : {}),
      });
    }
  },
});

/**
 * Whether a RUN is known to run as root: the last USER before it in the stage's lineage is root,
 * or there is none and the lineage starts at scratch or at a Docker Hub official image that runs
 * as root. An image the tool knows nothing about may run as anyone (many do not run as root):
 * removing sudo there is a suggestion, not a safe fix (a build broke that way).
 */
function runsAsRoot(_model: DockerfileModel, stage: Stage, run: Instruction): boolean {
  const user = userBefore(stage, run);
  if (user !== null) return /^(root|0)(:.*)?$/.test(user);
  const base = rootBase(stage);
  if (base.isScratch) return true;
  return base.ref !== null && base.ref.official && factsFor(base.ref, false).defaultUser === null;
}

const userTables = new WeakMap<Stage, { before: Map<Instruction, string | null>; final: string | null }>();

/** The USER in force before an instruction (inherited through `FROM <stage>`), from one table per stage. */
function userBefore(stage: Stage, instruction: Instruction): string | null {
  const table = ancestorsFirst(stage, userTables, (s) => {
    let user = s.parent && s.parent !== s ? userTables.get(s.parent)?.final ?? null : null;
    const before = new Map<Instruction, string | null>();
    for (const i of s.instructions) {
      before.set(i, user);
      if (keywordOf(i) === 'USER') user = i.getArgumentsContent()?.trim() ?? null;
    }
    return { before, final: user };
  });
  return table.before.get(instruction) ?? null;
}
