import { defineRule } from '../engine/rule';
import { allCommands, commandRange } from '../engine/edits/shellEdits';
import { effectiveArgv, optionValue, pipelineNeighbour } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

/**
 * Account passwords written into a RUN: `echo 'root:pw' | chpasswd`, `echo pw | passwd --stdin u`,
 * `usermod -p <hash> u`, `useradd -p <hash> u`. The value is literal in the Dockerfile, in the image
 * history and in /etc/shadow of every container; a hash is no better (it is cracked offline, and
 * it logs in wherever the same password is used). Values from variables are left to the rules
 * about secret build arguments; locked (`!`, `*`) and empty passwords are not literal passwords
 * (empty ones are privilege-escalation's).
 */
export default defineRule({
  meta: {
    id: 'literal-password',
    group: 'secrets',
    description: 'A RUN must not set an account password written in the Dockerfile (chpasswd, passwd --stdin, usermod/useradd -p).',
    severity: 'error',
    messages: {
      fed: '{{tool}} is given a password written in the Dockerfile: it is in the repository, the image history and /etc/shadow of every container. Leave the account without a password (keys, or no login at all), or set it at run time from a secret.',
      option:
        "{{tool}} {{option}} sets a password hash written in the Dockerfile: anyone with the repository or the image can crack it offline and log in. Lock the account (-p '!') or set the password at run time from a secret.",
    },
    applicability: [],
    applicabilityNote: 'none (change the password, then set it at run time)',
    // A test image's account password is a fixture (authelia's PAM suite); a build stage's never ships.
    roles: { build: 'off', test: 'off', dev: 'info' },
    peers: {},
  },
  check({ model, report }) {
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      if (program === 'chpasswd' || (program === 'passwd' && args.some((a) => a.value === '--stdin'))) {
        const feeder = literalFeeder(run.script!.commands, command);
        if (feeder) report({ messageId: 'fed', data: { tool: program }, range: commandRange(run, feeder) });
        continue;
      }
      if (program === 'usermod' || program === 'useradd') {
        const option = optionValue(args, ['-p'], ['--password']);
        if (option && isLiteralPassword(option.value)) report({ messageId: 'option', data: { tool: program, option: option.option }, range: commandRange(run, command) });
      }
    }
  },
});

/** The `echo`/`printf` earlier in the same pipeline, when every word it prints is literal. */
function literalFeeder(commands: readonly ShellCommand[], reader: ShellCommand): ShellCommand | null {
  const feeder = pipelineNeighbour(commands, reader, -1);
  if (!feeder) return null;
  const { program, args } = effectiveArgv(feeder);
  if (program !== 'echo' && program !== 'printf') return null;
  const printed = args.filter((a) => !/^-[neE]+$/.test(a.value ?? ''));
  // Something to print, and none of it from a variable or a command substitution.
  return printed.length > 0 && printed.every((a) => a.value !== null && a.value !== '') ? feeder : null;
}

/** A literal value that is a password (or its hash): not a lock marker, not empty. */
function isLiteralPassword(value: string | null): boolean {
  return value !== null && value !== '' && !/^[!*]/.test(value);
}
