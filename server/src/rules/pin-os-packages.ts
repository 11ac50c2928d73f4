import { defineRule } from '../engine/rule';
import { allCommands, commandRange } from '../engine/edits/shellEdits';
import { Arg, Env } from 'dockerfile-ast';
import { variablesAt } from '../engine/dockerfile/stageVariables';
import { lineage } from '../engine/dockerfile/stageLineage';
import type { Stage } from '../engine/dockerfile/model';
import { effectiveArgv, operandsAfter, subcommandOf } from '../shell/commands';
import type { ShellWord } from '../shell/parser';

/**
 * Distribution packages without versions. Off by default: a reviewer reading real repositories
 * judged 41 of 46 such findings noise. Debian and Alpine mirrors drop old versions, so a pinned
 * `curl=8.5.0-2` breaks the build at the next point release and blocks its security fixes; teams
 * pin the base image (by digest) instead. Teams that want hadolint's DL3008 turn it on.
 */
export default defineRule({
  meta: {
    id: 'pin-os-packages',
    group: 'pinning',
    description: 'Distribution package installs (apt, apk, dnf, yum, microdnf, zypper) name exact versions, for teams that pin them.',
    severity: 'info',
    offByDefault: true,
    messages: {
      unpinned: '{{manager}} installs {{packages}} without an exact version: rebuilding the same Dockerfile can install different code.',
    },
    applicability: [],
    roles: { build: 'off', test: 'off', dev: 'off', tool: 'off' },
    peers: { hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3037', 'DL3041'] },
  },
  check({ model, report }) {
    // Declared names per stage, read once: the lookup below runs for every command.
    const declaredByStage = new Map<Stage, Set<string>>();
    for (const { stage, run, command } of allCommands(model)) {
      const { program, args: written } = effectiveArgv(command);
      if (!program) continue;
      // `git-${PKG_VER}`: read through the stage's variables. One declared nowhere in the stage
      // (hadolint's case: set in an unrelated stage) expands to nothing; one from a build
      // argument without a default is the builder's to set, and left alone.
      const known = variablesAt(model, stage, run.instruction);
      let declared = declaredByStage.get(stage);
      if (!declared) declaredByStage.set(stage, (declared = declaredNames(stage)));
      const lookup = (name: string) => (declared.has(name) ? (known(name) ?? null) : undefined);
      const args = written.map((w) => (w.value === null ? { ...w, value: expanded(w.text, lookup) } : w));
      const sub = subcommandOf(args)?.value ?? '';
      let unpinned: ShellWord[] = [];
      if ((program === 'apt-get' || program === 'apt') && sub === 'install') {
        unpinned = operandsAfter(args, 'install', ['-o', '-t', '--target-release']).filter((w) => isName(w) && !w.value!.includes('=') && !w.value!.endsWith('.deb'));
      } else if (program === 'apk' && sub === 'add') {
        unpinned = operandsAfter(args, 'add', ['--virtual', '-t', '--repository', '-X']).filter((w) => isName(w) && !/[=~<>]/.test(w.value!) && !w.value!.endsWith('.apk'));
      } else if ((program === 'dnf' || program === 'yum') && sub === 'module' && args.some((a) => a.value === 'install')) {
        // `dnf module install nodejs`: no `:stream`, whichever stream is the default today.
        unpinned = operandsAfter(args, 'install').filter((w) => isName(w) && !w.value!.includes(':'));
      } else if (['dnf', 'yum', 'microdnf', 'tdnf'].includes(program) && (sub === 'install' || sub === 'in')) {
        // `name-1.2.3` is how dnf names a version; a digit after a dash is taken for one.
        unpinned = operandsAfter(args, sub, ['--setopt', '--repo', '--enablerepo', '--disablerepo', '--releasever', '--installroot']).filter(
          (w) => isName(w) && !/-\d/.test(w.value!) && !w.value!.endsWith('.rpm') && !w.value!.startsWith('@'),
        );
      } else if (program === 'zypper' && (sub === 'install' || sub === 'in')) {
        unpinned = operandsAfter(args, sub, ['--from', '-r', '--repo']).filter((w) => isName(w) && !/[=<>]/.test(w.value!) && !w.value!.endsWith('.rpm'));
      }
      if (unpinned.length === 0) continue;
      const names = unpinned.map((w) => w.value);
      report({
        messageId: 'unpinned',
        data: { manager: program, packages: names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ') },
        range: commandRange(run, command),
      });
    }
  },
});

/** ARG and ENV names the stage (or a stage it builds on) declares. */
function declaredNames(stage: Stage): Set<string> {
  const names = new Set<string>();
  for (const s of lineage(stage))
    for (const instruction of s.instructions) if (instruction instanceof Arg || instruction instanceof Env) for (const p of instruction.getProperties()) names.add(p.getName());
  return names;
}

/** A word's text with its variables filled in; null while one comes from a build argument without a default. */
function expanded(text: string, lookup: (name: string) => string | null | undefined): string | null {
  let open = false;
  const value = text.replace(/\$\{?(\w+)\}?/g, (_whole, name: string) => {
    const found = lookup(name);
    if (found === null) open = true;
    return found ?? '';
  });
  return open || /[$`]/.test(value) ? null : value.replace(/["']/g, '');
}

/** A literal package name (not a variable, not an option). */
function isName(word: ShellWord): boolean {
  return word.value !== null && word.value !== '' && !word.value.startsWith('-');
}
