import { indexInStage } from '../engine/dockerfile/model';
import { flagsOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { runScripts, type RunScript } from '../engine/dockerfile/runScripts';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import type { Fix } from '../engine/types';
import type { ShellWord } from '../shell/parser';

/** Commands whose effect on the shell would leak into the next command once merged. */
const STATEFUL = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'source',
  '.',
  'alias',
  'umask',
  'ulimit',
  'shopt',
  'trap',
  'exit',
  'unset',
  'exec',
  'eval',
  'readonly',
  'declare',
  'local',
  'typeset',
]);

export default defineRule({
  meta: {
    id: 'merge-consecutive-runs',
    group: 'layer-cache',
    description: 'A RUN that removes what the RUN before it created, or continues its install, belongs in the same layer.',
    severity: 'info',
    messages: {
      removes: 'This RUN removes {{what}}, which the RUN before it created: in a separate layer it still ships. Merge the two so the removal saves the space.',
      install: 'This RUN installs more {{manager}} packages right after the RUN before it: one install split over two layers. Merge them.',
    },
    applicability: ['suggestion'],
    roles: { build: 'off', test: 'off', dev: 'off', tool: 'off' },
    peers: { hadolint: ['DL3059'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const runs = runScripts(model, stage);
      for (let i = 1; i < runs.length; i++) {
        const previous = runs[i - 1];
        const current = runs[i];
        const a = indexInStage(stage, previous.instruction);
        const b = indexInStage(stage, current.instruction);
        // Heredoc RUNs are scripts on purpose (hadolint #805); flags (mounts) differ per RUN.
        if (b !== a + 1 || !plain(previous) || !plain(current)) continue;
        // Separate RUNs are often separate on purpose (cache steps that change apart): only a merge
        // that saves something is worth a finding. A reviewer judged all 66 of the plain ones noise.
        const removed = removedFromPrevious(previous, current);
        const manager = removed ? null : continuedInstall(previous, current);
        if (!removed && !manager) continue;
        const fix = mergeFix(model.escapeChar, model.source.eol, previous, current);
        report({
          messageId: removed ? 'removes' : 'install',
          data: removed ? { what: removed } : { manager: manager! },
          range: current.instruction.getRange(),
          suggestions: fix ? [fix] : [],
        });
      }
    }
  },
});

/** Package removal commands, by manager: what one RUN installs, the next takes out again. */
const REMOVES: Record<string, string[]> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  dnf: ['remove'],
  yum: ['remove'],
  pip: ['uninstall'],
  pip3: ['uninstall'],
};
const INSTALLS: Record<string, string> = { 'apt-get': 'install', apt: 'install', apk: 'add', dnf: 'install', yum: 'install', microdnf: 'install', zypper: 'install', pip: 'install', pip3: 'install' };

/**
 * What the current RUN removes that the previous one made: an `rm` of a path the previous RUN's
 * text names (a download, an unpacked archive), or packages the previous RUN installed.
 */
function removedFromPrevious(previous: RunScript, current: RunScript): string | null {
  const before = previous.body.text;
  const installedBefore = installedNames(previous);
  const installedHere = installedNames(current);
  for (const command of current.script!.commands) {
    const { program, args } = effectiveArgv(command);
    if (program === 'rm') {
      for (const arg of args) {
        const target = (arg.value ?? arg.text).replace(/\/\*$|\/$/, '');
        if (target.startsWith('-') || target.length < 3 || target.includes('$')) continue;
        if (before.includes(target)) return target;
      }
    }
    const subcommand = subcommandOf(args)?.value ?? '';
    if (!program || !REMOVES[program]?.includes(subcommand) || !installedBefore.has(program)) continue;
    // Only what the RUN before installed: shlink's `apk del .phpize-deps` takes out a virtual
    // package its own RUN added, so merging would save nothing.
    const names = packageOperands(args, subcommand);
    const fromBefore = names.filter((n) => installedBefore.get(program)!.has(n) && !installedHere.get(program)?.has(n));
    if (fromBefore.length > 0 || (names.length === 0 && !installedHere.has(program))) return `packages that ${program} installed`;
  }
  return null;
}

/** The package names (and apk's `--virtual` names) each manager installs in a RUN. */
function installedNames(run: RunScript): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const command of run.script!.commands) {
    const { program, args } = effectiveArgv(command);
    const subcommand = subcommandOf(args)?.value;
    if (!program || !INSTALLS[program] || subcommand !== INSTALLS[program]) continue;
    const set = names.get(program) ?? new Set<string>();
    for (const name of packageOperands(args, subcommand)) set.add(name);
    const virtual = args.findIndex((a) => a.value === '--virtual' || a.value === '-t');
    if (virtual >= 0 && args[virtual + 1]?.value) set.add(args[virtual + 1].value!);
    names.set(program, set);
  }
  return names;
}

/** Literal operands after the subcommand, without a version (`curl=8.5.0-2` → `curl`). */
function packageOperands(args: readonly ShellWord[], subcommand: string): string[] {
  const start = args.findIndex((a) => a.value === subcommand);
  return args
    .slice(start + 1)
    .map((a) => a.value)
    .filter((v): v is string => v !== null && v !== '' && !v.startsWith('-'))
    .map((v) => v.split(/[=<>]/)[0]);
}

/** The package manager whose install the current RUN continues (the previous RUN installed with it too). */
function continuedInstall(previous: RunScript, current: RunScript): string | null {
  const installs = (run: RunScript) =>
    run
      .script!.commands.map((c) => effectiveArgv(c))
      .filter((e) => e.program && INSTALLS[e.program] && subcommandOf(e.args)?.value === INSTALLS[e.program])
      .map((e) => e.program!);
  const now = installs(current);
  if (now.length === 0 || current.script!.commands.length !== now.length) return null;
  const earlier = new Set(installs(previous));
  return now.find((m) => earlier.has(m)) ?? null;
}

function plain(run: RunScript): boolean {
  const flags = flagsOf(run.instruction);
  return flags.length === 0 && !run.fromHeredoc && run.body.heredocs.length === 0 && !!run.script && !run.body.text.trimStart().startsWith('[');
}

function mergeFix(escape: string, eol: string, previous: RunScript, current: RunScript): Fix | null {
  const script = previous.script!;
  if (script.hasErrors || script.features.background || current.script!.hasErrors) return null;
  if (script.commands.some((c) => STATEFUL.has(effectiveArgv(c).program ?? ''))) return null;
  const text = previous.body.text;
  const lastEnd = Math.max(...script.commands.map((c) => Math.max(c.end, ...c.redirects.map((r) => r.target?.end ?? 0))));
  if (text.slice(lastEnd).includes('#')) return null;
  const end = previous.instruction.getRange().end;
  const nextStart = current.rangeOf(0, 0).start;
  // Comment lines between the two would be lost: leave those for the author.
  if (current.instruction.getRange().start.line !== end.line + 1) return null;
  return {
    title: 'Merge into the RUN above',
    edits: [{ range: { start: end, end: nextStart }, newText: ` ${escape}${eol}    && ` }],
  };
}
