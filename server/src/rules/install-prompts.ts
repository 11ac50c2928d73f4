import { defineRule } from '../engine/rule';
import { allCommands, commandRange, insertAfterWord } from '../engine/edits/shellEdits';
import { effectiveArgv, findOption, pipelineNeighbour, subcommandOf } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';
import type { RunScript } from '../engine/dockerfile/runScripts';

/**
 * Package installs that ask "Do you want to continue? [Y/n]": a build has no terminal, so apt-get
 * reads no answer and aborts, dnf and yum say "Operation aborted", zypper stops at its prompt.
 * The build fails at that step, or (when the packages were already there) passes until the day
 * a dependency changes.
 */
const MANAGERS: Record<string, { subcommands: string[]; yes: { short: string[]; long: string[] }; add: string }> = {
  'apt-get': { subcommands: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove'], yes: { short: ['-y'], long: ['--yes', '--assume-yes'] }, add: '-y' },
  apt: { subcommands: ['install', 'upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove'], yes: { short: ['-y'], long: ['--yes', '--assume-yes'] }, add: '-y' },
  dnf: {
    subcommands: ['install', 'in', 'upgrade', 'up', 'update', 'remove', 'rm', 'erase', 'reinstall', 'rei', 'upgrade-minimal', 'up-min', 'groupinstall'],
    yes: { short: ['-y'], long: ['--assumeyes'] },
    add: '-y',
  },
  // microdnf asks too since 3.9 (its --assumeyes came with the question); UBI minimal images use it.
  microdnf: { subcommands: ['install', 'update', 'upgrade', 'remove', 'reinstall'], yes: { short: ['-y'], long: ['--assumeyes'] }, add: '-y' },
  yum: { subcommands: ['install', 'update', 'upgrade', 'remove', 'erase', 'reinstall', 'groupinstall', 'localinstall'], yes: { short: ['-y'], long: ['--assumeyes'] }, add: '-y' },
  zypper: {
    subcommands: ['install', 'in', 'update', 'up', 'remove', 'rm', 'dist-upgrade', 'dup', 'patch'],
    yes: { short: ['-n', '-y'], long: ['--non-interactive', '--no-confirm'] },
    add: '--non-interactive',
  },
};

export default defineRule({
  meta: {
    id: 'install-prompts',
    group: 'other-security',
    description: 'Package installs in a build must not wait for a "continue? [Y/n]" answer (apt-get -y, dnf -y, zypper --non-interactive).',
    severity: 'warning',
    messages: {
      prompts:
        '{{manager}} {{subcommand}} asks for confirmation when it installs more than the packages named (their dependencies) or removes any, and a build has no one to answer: it aborts, and the build fails at this step. Add {{option}}.',
    },
    applicability: ['safe', 'suggestion'],
    applicabilityNote: 'safe for apt-get and apt (proven on Debian builds); suggestion for dnf, microdnf, yum and zypper',
    peers: { hadolint: ['DL3014', 'DL3030', 'DL3034', 'DL3038'] },
  },
  check({ model, report }) {
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      const manager = program ? MANAGERS[program] : undefined;
      if (!manager) continue;
      const subcommand = subcommandOf(args);
      if (!subcommand?.value || !manager.subcommands.includes(subcommand.value)) continue;
      if (answered(run, command, manager.yes.short, manager.yes.long)) continue;
      // zypper's option is a global one: it goes right after `zypper`, before the subcommand.
      const after = program === 'zypper' ? [command.name, ...command.args].find((w) => w?.value?.split('/').pop() === 'zypper') : subcommand;
      const fix = after ? { title: `Add ${manager.add} (answer yes)`, edits: [insertAfterWord(run, after, manager.add)] } : null;
      // Only apt-get and apt are built here (Debian); the others' edits are offered for review.
      const proven = program === 'apt-get' || program === 'apt';
      report({
        messageId: 'prompts',
        data: { manager: program!, subcommand: subcommand.value, option: manager.add },
        range: commandRange(run, command),
        ...(fix && proven ? { fix } : {}),
        suggestions: fix && !proven ? [fix] : [],
      });
    }
  },
});

/**
 * The prompt is answered: a yes option (also combined, `-qy`), apt-get's `-qq` (quiet level 2
 * implies -y), an `-o APT::Get::Assume-Yes=true`, or `yes |` in front.
 */
function answered(run: RunScript, command: ShellCommand, short: string[], long: string[]): boolean {
  const { args } = effectiveArgv(command);
  if (findOption(args, short, long)) return true;
  // A simulation asks nothing: `apt-get install -s pkg` only checks that it could.
  if (findOption(args, ['-s'], ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], false)) return true;
  const words = args.map((a) => a.value ?? a.text);
  if (words.some((w) => /^-q{2,}$|^-q=2$|^--quiet=2$/.test(w) || /Assume-Yes|assumeyes/i.test(w))) return true;
  const feeder = pipelineNeighbour(run.script!.commands, command, -1);
  return feeder !== null && effectiveArgv(feeder).program === 'yes';
}
