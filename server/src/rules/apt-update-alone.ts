import { deleteInstruction } from '../engine/edits/edits';
import { indexInStage } from '../engine/dockerfile/model';
import { defineRule } from '../engine/rule';
import { runScripts, type RunScript } from '../engine/dockerfile/runScripts';
import type { ShellCommand } from '../shell/parser';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import type { TextEdit } from '../engine/types';

/** Index refreshes, and the install subcommands that depend on them, per package manager. */
const UPDATES: Record<string, { update: string[]; install: string[] }> = {
  'apt-get': { update: ['update'], install: ['install', 'upgrade', 'dist-upgrade'] },
  apt: { update: ['update'], install: ['install', 'upgrade'] },
  apk: { update: ['update'], install: ['add', 'upgrade'] },
  yum: { update: ['makecache'], install: ['install', 'update'] },
  dnf: { update: ['makecache'], install: ['install', 'upgrade'] },
  zypper: { update: ['refresh', 'ref'], install: ['install', 'in'] },
};

/** The index refresh of a RUN that installs nothing with that manager, when a later RUN installs without refreshing. */
function refreshApart(commands: readonly ShellCommand[], later: readonly RunScript[]): string | null {
  const argv = commands.map((c) => effectiveArgv(c));
  for (const [manager, { update, install }] of Object.entries(UPDATES)) {
    const refresh = argv.find((e) => e.program === manager && update.includes(subcommandOf(e.args)?.value ?? ''));
    if (!refresh || argv.some((e) => e.program === manager && install.includes(subcommandOf(e.args)?.value ?? ''))) continue;
    const next = later.find((r) => (r.script?.commands ?? []).some((c) => effectiveArgv(c).program === manager));
    const nextArgv = (next?.script?.commands ?? []).map((c) => effectiveArgv(c)).filter((e) => e.program === manager);
    if (nextArgv.some((e) => install.includes(subcommandOf(e.args)?.value ?? '')) && !nextArgv.some((e) => update.includes(subcommandOf(e.args)?.value ?? '')))
      return `${manager} ${subcommandOf(refresh.args)?.value}`;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'apt-update-alone',
    group: 'layer-cache',
    description: 'A package index refresh must run in the same RUN as the install that needs it.',
    severity: 'warning',
    messages: {
      alone: '"{{command}}" runs in its own layer: Docker caches that layer, so later builds install from a stale index and fail or get outdated packages.',
      apart: '"{{command}}" refreshes the index in a RUN that installs nothing, and a later RUN installs from it: Docker caches this layer, so later builds install from a stale index.',
    },
    applicability: ['safe'],
    peers: { trivy: ['DS-0017', 'AVD-DS-0017', 'DS017'], checkov: ['CKV_DOCKER_5'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const runs = runScripts(model, stage);
      runs.forEach((run, index) => {
        const commands = run.script?.commands ?? [];
        if (commands.length === 0) return;
        const programs = new Set(commands.map((c) => effectiveArgv(c).program));
        const manager = [...programs][0];
        // `apt-get update && useradd …` then `RUN apt-get install …`: the refresh sits apart from
        // the install all the same (trivy's DS017 case). No fix: the RUN does other work.
        if (programs.size > 1) {
          const apart = refreshApart(commands, runs.slice(index + 1));
          if (apart) report({ messageId: 'apart', data: { command: apart }, range: run.instruction.getRange() });
          return;
        }
        if (!manager || !UPDATES[manager]) return;
        if (!commands.every((c) => UPDATES[manager].update.includes(subcommandOf(effectiveArgv(c).args)?.value ?? ''))) return;
        const text = run.body.text.trim();
        // The next RUN of the stage, if it is the install that needs the fresh index.
        const next = runs[index + 1];
        const stageIndex = (r: typeof run) => indexInStage(stage, r.instruction);
        const adjacent = next && stage.instructions.slice(stageIndex(run) + 1, stageIndex(next)).every((i) => ['ENV', 'ARG', 'LABEL'].includes(i.getKeyword().toUpperCase()));
        const installs = next?.script?.commands.some((c) => {
          const e = effectiveArgv(c);
          return e.program === manager && UPDATES[manager].install.includes(subcommandOf(e.args)?.value ?? '');
        });
        const edits: TextEdit[] = [];
        if (next && adjacent && installs && !next.fromHeredoc && next.script && !next.body.text.trimStart().startsWith('[')) {
          const at = next.rangeOf(0, 0).start;
          edits.push(deleteInstruction(model, run.instruction), { range: { start: at, end: at }, newText: `${text} && ` });
        }
        report({
          messageId: 'alone',
          data: { command: text },
          range: run.instruction.getRange(),
          ...(edits.length > 0 ? { fix: { title: 'Move the index refresh into the install RUN', edits } } : {}),
        });
      });
    }
  },
});
