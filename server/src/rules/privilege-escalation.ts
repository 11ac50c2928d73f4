import { defineRule } from '../engine/rule';
import { allCommands, commandRange, wordRange } from '../engine/edits/shellEdits';
import { copyChmodModes } from '../engine/dockerfile/copySources';
import { chmodMode, effectiveArgv, optionValue, pipelineNeighbour } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';
import type { RunScript } from '../engine/dockerfile/runScripts';
import type { Stage } from '../engine/dockerfile/model';
import { lineage } from '../engine/dockerfile/stageLineage';
import { stageAtLine } from '../engine/roles';
import type { Range } from '../engine/types';

/**
 * Ways back to root left in an image that runs as a user: an account with no password (`passwd -d`,
 * `usermod -p ''`: `su` lets anyone in), sudo without a password (`NOPASSWD` written to sudoers),
 * and setuid bits added to files (`chmod u+s`, `chmod 4755`, `COPY --chmod=4755`).
 * Dev containers are built around passwordless sudo for their user, so there it is not reported.
 */
export default defineRule({
  meta: {
    id: 'privilege-escalation',
    group: 'other-security',
    description: 'The image must not leave a way back to root: passwordless accounts or sudo, setuid files.',
    severity: 'warning',
    messages: {
      emptyPassword: '{{tool}} leaves {{account}} without a password: any process in the container can `su` to it without one.',
      nopasswd: 'This step gives sudo without a password (NOPASSWD): any process of that user becomes root with one command.',
      nopasswdScoped: 'This step lets a user run {{programs}} as root without a password: each can start a shell or write any file, so this is root for that user.',
      setuid: "chmod {{mode}} sets the setuid bit: the file runs with its owner's rights whoever starts it, a way back to root if a bug lets it be misused.",
      copySetuid: "{{keyword}} --chmod={{mode}} sets the setuid bit on the copied files: they run with their owner's rights whoever starts them.",
      setuidBesideSudo: 'chmod {{mode}} sets the setuid bit; the passwordless sudo given on line {{line}} is already a way back to root, so remove that first.',
      copySetuidBesideSudo: '{{keyword}} --chmod={{mode}} sets the setuid bit; the passwordless sudo given on line {{line}} is already a way back to root, so remove that first.',
    },
    applicability: [],
    applicabilityNote: 'none (the account or file may be needed; decide, then remove)',
    roles: { build: 'off', test: 'info', dev: 'off' },
    peers: {},
  },
  check({ model, report }) {
    // Stages that give passwordless sudo: a setuid file there adds no way to root the image lacks
    // (code-server's fixuid beside its NOPASSWD sudo), so it is said once, at info.
    const sudoLines = new Map<Stage, number>();
    for (const { stage, run, command } of allCommands(model)) if (!sudoLines.has(stage) && nopasswdGrant(run, command)?.programs === null) sudoLines.set(stage, run.instruction.getRange().start.line);
    const sudoBefore = (stage: Stage | undefined) =>
      stage
        ? lineage(stage)
            .map((s) => sudoLines.get(s))
            .find((line) => line !== undefined)
        : undefined;
    const reportSetuid = (stage: Stage | undefined, descriptor: { messageId: 'setuid' | 'copySetuid'; data: Record<string, string>; range: Range }) => {
      const sudoLine = sudoBefore(stage);
      if (sudoLine === undefined) report(descriptor);
      else
        report({
          ...descriptor,
          messageId: descriptor.messageId === 'setuid' ? 'setuidBesideSudo' : 'copySetuidBesideSudo',
          data: { ...descriptor.data, line: String(sudoLine + 1) },
          severity: 'info',
        });
    };
    for (const { stage, run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      const words = args.map((a) => a.value);
      if (program === 'passwd' && (words.includes('-d') || words.includes('--delete'))) {
        report({ messageId: 'emptyPassword', data: { tool: 'passwd -d', account: accountName(words) }, range: commandRange(run, command) });
      } else if ((program === 'usermod' || program === 'useradd') && optionValue(args, ['-p'], ['--password'])?.value === '') {
        report({ messageId: 'emptyPassword', data: { tool: `${program} -p ''`, account: accountName(words) }, range: commandRange(run, command) });
      } else if (program === 'chmod') {
        const mode = chmodMode(args);
        if (mode?.value && setsSetuid(mode.value)) reportSetuid(stage, { messageId: 'setuid', data: { mode: mode.value }, range: wordRange(run, mode) });
      } else {
        // `zabbix ALL=(root) NOPASSWD: /usr/sbin/smartctl`: one program, not every command, which
        // is sudo used as meant. Said only where a listed program is a known way to a root shell
        // (a shell, an interpreter, an editor, a file copier) or a wildcard lets the caller choose.
        const grant = nopasswdGrant(run, command);
        if (grant?.programs) {
          const escapes = rootEscapes(grant.programs);
          if (escapes.length > 0) report({ messageId: 'nopasswdScoped', data: { programs: escapes.join(', ') }, range: commandRange(run, command), severity: 'info' });
        } else if (grant) report({ messageId: 'nopasswd', range: commandRange(run, command) });
      }
    }
    for (const { keyword, mode, range } of copyChmodModes(model)) {
      if (setsSetuid(mode)) reportSetuid(stageAtLine(model, range.start.line) ?? undefined, { messageId: 'copySetuid', data: { keyword, mode }, range });
    }
  },
});

/** The account a passwd/usermod command names: its last literal operand. */
function accountName(words: readonly (string | null)[]): string {
  const last = words[words.length - 1];
  return last && !last.startsWith('-') ? `"${last}"` : 'the account';
}

/**
 * setuid in an octal (`4755`, `6755`) or symbolic (`u+s`, `+s`, `a+s`) mode. setgid alone is left
 * out: on folders it only makes new files inherit the group (the dev-container idiom
 * `chmod g+s /usr/local/share/npm-global`), and the words do not say whether a target is a folder.
 */
function setsSetuid(mode: string): boolean {
  const octal = /^([0-7])[0-7]{3}$/.exec(mode);
  if (octal) return (Number(octal[1]) & 4) !== 0;
  return mode.split(',').some((clause) => {
    const parts = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(clause);
    return parts !== null && parts[2].includes('s') && (parts[1] === '' || /[ua]/.test(parts[1]));
  });
}

/**
 * Programs that give a root shell or root's files to whoever may run them as root: shells and
 * interpreters, editors and pagers, copiers and archivers, package managers, container and
 * service managers (GTFOBins' sudo list, the common part).
 */
const ROOT_ESCAPES = new Set(
  (
    'sh bash dash zsh ksh ash fish busybox su sudo env nice nohup timeout xargs find awk gawk mawk sed perl python python2 python3 ruby node php lua ' +
    'vi vim nvim nano ed emacs less more man cp mv dd tee install rsync tar zip unzip chmod chown ln git make apt apt-get dpkg yum dnf rpm apk pip pip3 npm ' +
    'docker podman systemctl service mount crontab'
  ).split(' '),
);

/** The listed programs (`/usr/sbin/smartctl, /bin/bash`) that are ways to root, or a wildcard entry as written. */
function rootEscapes(programs: string): string[] {
  return programs
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => {
      const program = entry.split(/\s+/)[0] ?? '';
      return program.includes('*') || ROOT_ESCAPES.has(program.split('/').pop() ?? '');
    });
}

/** The programs every NOPASSWD in a sudoers text is limited to, or null when one allows ALL. */
function scopedPrograms(text: string): string | null {
  const lists = [...text.matchAll(/NOPASSWD\s*:\s*([^\n"']*)/g)].map((m) => m[1].trim().replace(/\\[nt]$/, ''));
  if (lists.length === 0 || lists.some((list) => list === '' || /(^|[\s,])ALL\b/.test(list))) return null;
  return lists.join(', ');
}

/**
 * What a command grants when it writes NOPASSWD into sudoers (`echo '… NOPASSWD:ALL' >>
 * /etc/sudoers.d/x`, `… | tee /etc/sudoers.d/x`, a heredoc into such a file): the programs it is
 * limited to, or null for every command. Undefined when it writes no such grant.
 */
function nopasswdGrant(run: RunScript, command: ShellCommand): { programs: string | null } | undefined {
  const text = run.body.text.slice(command.start, command.end) + (command.redirects.some((r) => r.operator.startsWith('<<')) || run.fromHeredoc ? run.body.heredocs.map((h) => h.text).join('\n') : '');
  if (!text.includes('NOPASSWD')) return undefined;
  const targets = [...command.redirects.map((r) => r.target?.value ?? r.target?.text ?? ''), ...effectiveArgv(command).args.map((a) => a.value ?? a.text)];
  // `echo '… NOPASSWD:ALL' | tee -a /etc/sudoers`: the writer is the next command in the pipeline.
  const next = pipelineNeighbour(run.script!.commands, command, 1);
  const writes = targets.some((t) => t.includes('/etc/sudoers')) || (next !== null && effectiveArgv(next).program === 'tee' && next.args.some((a) => (a.value ?? a.text).includes('/etc/sudoers')));
  return writes ? { programs: scopedPrograms(text) } : undefined;
}
