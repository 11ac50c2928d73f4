import { defineRule } from '../engine/rule';
import { allCommands, wordRange } from '../engine/edits/shellEdits';
import { copyChmodModes } from '../engine/dockerfile/copySources';
import { chmodMode, effectiveArgv } from '../shell/commands';
import type { DockerfileModel } from '../engine/dockerfile/model';
import { effectiveInstruction } from '../engine/dockerfile/stageLineage';
import { argumentsText } from '../engine/dockerfile/instructions';
import { variablesAt } from '../engine/dockerfile/stageVariables';
import { substitute } from '../engine/dockerfile/variables';

export default defineRule({
  meta: {
    id: 'chmod-world-writable',
    group: 'other-security',
    description: 'Files and folders of the image must not be writable by every user.',
    severity: 'warning',
    messages: {
      worldWritable: 'chmod {{mode}} lets every user of the container change these files: any compromised process can rewrite the app.',
      copyChmod: '{{keyword}} --chmod={{mode}} makes the copied files writable by every user of the container: any compromised process can change them.',
      tempFolder: 'chmod {{mode}} on a temp folder drops its sticky bit: any user can then delete or replace the files other users put there.',
    },
    applicability: ['suggestion'],
    roles: { build: 'off', test: 'info', dev: 'info', tool: 'info' },
    applicabilityNote: 'suggestion (octal modes)',
  },
  check({ model, report }) {
    // An image that runs as one unprivileged user has nobody else to write these files, or to be
    // fooled by them: Nextcloud AIO's runtime, log and config folders opened in containers that run
    // as uid 33 or 1000 alone. Code is another matter: the user's own compromised process can then
    // replace a program that runs again (the 777 nats-server binary of the same project).
    const onlyUser = singleRuntimeUser(model) !== null;
    const harmless = (targets: readonly string[]) => onlyUser && targets.length > 0 && !targets.some(holdsCode);
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      if (program !== 'chmod') continue;
      // A temporary folder removed later in the same RUN never reaches the image.
      const removed = new Set((run.script?.commands ?? []).filter((c) => effectiveArgv(c).program === 'rm').flatMap((c) => c.args.map((a) => a.text)));
      const targets = args.filter((a) => a.value === null || !a.value.startsWith('-')).slice(1);
      if (targets.length > 0 && targets.every((t) => removed.has(t.text))) continue;
      const mode = chmodMode(args);
      const value = mode?.value;
      if (!mode || !value) continue;
      const judged = worldWritable(value);
      if (!judged) continue;
      const range = wordRange(run, mode);
      const paths = targets.map((t) => t.value ?? t.text);
      if (harmless(paths)) continue;
      // `chmod 777 /tmp`: the folder is world-writable by design; what the mode takes away is the
      // sticky bit that keeps users from deleting each other's files, which matters only where
      // several users share the folder. A hint, and 1777 restores it.
      if (/^0?777$/.test(value) && targets.length > 0 && targets.every((t) => TEMP_FOLDER.test(t.value ?? ''))) {
        report({
          messageId: 'tempFolder',
          data: { mode: value },
          range,
          severity: 'hint',
          suggestions: [{ title: 'Use 1777 instead (the standard mode of temp folders)', edits: [{ range, newText: '1777' }] }],
        });
        continue;
      }
      report({
        messageId: 'worldWritable',
        data: { mode: value },
        range,
        suggestions: judged.safer ? [{ title: `Use ${judged.safer} instead (others may read, not write)`, edits: [{ range, newText: judged.safer }] }] : [],
      });
    }
    // COPY --chmod=666 / ADD --chmod=0777: the mode is set as the files land (authelia's
    // world-writable .healthcheck.env, which a root health check sources).
    for (const { keyword, mode, range, destination } of copyChmodModes(model)) {
      const judged = worldWritable(mode);
      if (!judged) continue;
      if (destination !== null && harmless([destination])) continue;
      report({
        messageId: 'copyChmod',
        data: { keyword, mode },
        range,
        suggestions: judged.safer ? [{ title: `Use --chmod=${judged.safer} instead (others may read, not write)`, edits: [{ range, newText: judged.safer }] }] : [],
      });
    }
  },
});

const TEMP_FOLDER = /^\/(tmp|var\/tmp|dev\/shm)\/?$/;

/** Folders of programs and libraries: writable there, a compromised process replaces code that runs again. */
const CODE_PATH = /^\/(bin|sbin|lib|lib64|usr\/(bin|sbin|lib|lib64|libexec|local(\/|$)))(\/|$)|\/(bin|sbin)(\/|$)|\.(so(\.\d+)*|sh|py|js|jar|php|rb|pl)$/;

function holdsCode(path: string): boolean {
  return CODE_PATH.test(path.replace(/^["']|["']$/g, ''));
}

/**
 * The user the image runs as when that is one unprivileged user: the final stage's last USER,
 * written out and not root. Null when it runs as root, as a user from a build argument, or when
 * a start script may switch users (gosu, su-exec, supervisord as root are then somebody's job).
 */
function singleRuntimeUser(model: DockerfileModel): string | null {
  const stage = model.finalStage;
  const last = stage ? effectiveInstruction(stage, 'USER') : null;
  if (!last) return null;
  const written = argumentsText(model, last.instruction).trim();
  const { value, unresolved } = substitute(written, variablesAt(model, last.stage, last.instruction), model.escapeChar);
  if (unresolved.length > 0 || value === '' || /^(root|0)(:.*)?$/.test(value)) return null;
  return value;
}

/**
 * Whether a mode lets others write, and for an octal mode the same mode without that bit (a
 * symbolic one is left to the author). 1777, the sticky bit, is the standard mode of shared
 * temp folders and is not reported.
 */
function worldWritable(mode: string): { safer: string | null } | null {
  const octal = /^([0-7]?)([0-7])([0-7])([0-7])$/.exec(mode);
  if (!octal) return grantsOthersWrite(mode) ? { safer: null } : null;
  const [, special, , , others] = octal;
  if ((Number(others) & 2) === 0 || (special !== '' && (Number(special) & 1) === 1)) return null;
  return { safer: `${mode.slice(0, -1)}${Number(others) & ~2}` };
}

/**
 * Symbolic modes that let others write: a clause such as `o+w`, `a=rwx` or `go+rw`. Read clause by
 * clause; one expression with overlapping `[ugo]*[ao][ugo]*` was quadratic on a long mode word.
 */
function grantsOthersWrite(mode: string): boolean {
  return mode.split(',').some((clause) => {
    const parts = /^([ugoa]*)[+=]([rwxXst]*)/.exec(clause);
    return parts !== null && /[ao]/.test(parts[1]) && parts[2].includes('w');
  });
}
