import { defineRule } from '../engine/rule';
import { allCommands, wordRange } from '../engine/edits/shellEdits';
import { copyChmodModes } from '../engine/dockerfile/copySources';
import { chmodMode, effectiveArgv } from '../shell/commands';

export default defineRule({
  meta: {
    id: 'chmod-world-writable',
    group: 'other-security',
    description: 'Files and folders of the image must not be writable by every user.',
    severity: 'warning',
    messages: {
      worldWritable: 'chmod {{mode}} lets every user of the container change these files: any compromised process can rewrite the app.',
      copyChmod: '{{keyword}} --chmod={{mode}} makes the copied files writable by every user of the container: any compromised process can change them.',
    },
    applicability: ['suggestion'],
    roles: { build: 'off', test: 'info', dev: 'info', tool: 'info' },
    applicabilityNote: 'suggestion (octal modes)',
  },
  check({ model, report }) {
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
      report({
        messageId: 'worldWritable',
        data: { mode: value },
        range,
        suggestions: judged.safer ? [{ title: `Use ${judged.safer} instead (others may read, not write)`, edits: [{ range, newText: judged.safer }] }] : [],
      });
    }
    // COPY --chmod=666 / ADD --chmod=0777: the mode is set as the files land (authelia's
    // world-writable .healthcheck.env, which a root health check sources).
    for (const { keyword, mode, range } of copyChmodModes(model)) {
      const judged = worldWritable(mode);
      if (!judged) continue;
      report({
        messageId: 'copyChmod',
        data: { keyword, mode },
        range,
        suggestions: judged.safer ? [{ title: `Use --chmod=${judged.safer} instead (others may read, not write)`, edits: [{ range, newText: judged.safer }] }] : [],
      });
    }
  },
});

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
