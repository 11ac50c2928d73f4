import { defineRule } from '../engine/rule';
import { allCommands, wordRange } from '../engine/edits/shellEdits';
import { effectiveArgv } from '../shell/commands';

export default defineRule({
  meta: {
    id: 'chmod-world-writable',
    group: 'other-security',
    description: 'Files and folders of the image must not be writable by every user.',
    severity: 'warning',
    messages: {
      worldWritable: 'chmod {{mode}} lets every user of the container change these files: any compromised process can rewrite the app.',
    },
    applicability: ['suggestion'],
    roles: { build: 'off', test: 'info', dev: 'info' },
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
      const mode = args.find((a) => a.value !== null && !/^-[a-zA-Z]+$/.test(a.value) && !a.value.startsWith('--'));
      const value = mode?.value;
      if (!mode || !value) continue;
      const octal = /^([0-7]?)([0-7])([0-7])([0-7])$/.exec(value);
      if (octal) {
        const [, special, , , others] = octal;
        // 1777 (sticky bit) is the standard mode of shared temp folders.
        if ((Number(others) & 2) === 0 || (special !== '' && (Number(special) & 1) === 1)) continue;
        const safer = `${value.slice(0, -1)}${Number(others) & ~2}`;
        report({
          messageId: 'worldWritable',
          data: { mode: value },
          range: wordRange(run, mode),
          suggestions: [{ title: `Use ${safer} instead (others may read, not write)`, edits: [{ range: wordRange(run, mode), newText: safer }] }],
        });
      } else if (grantsOthersWrite(value)) {
        report({ messageId: 'worldWritable', data: { mode: value }, range: wordRange(run, mode) });
      }
    }
  },
});

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
