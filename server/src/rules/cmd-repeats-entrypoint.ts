import { toExecForm } from '../engine/edits/edits';
import { commandForm } from '../engine/dockerfile/execForm';
import { argumentsRange } from '../engine/dockerfile/instructions';
import { containerCommand } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'cmd-repeats-entrypoint',
    group: 'entrypoint-cmd',
    description: 'CMD holds the default arguments of the ENTRYPOINT program; it must not name the program again.',
    severity: 'warning',
    messages: {
      repeated: 'CMD starts with "{{program}}", which ENTRYPOINT already runs: the container runs "{{combined}}".',
    },
    applicability: ['suggestion'],
    roles: { build: 'off' },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const { entrypoint, cmd } = containerCommand(stage);
    if (!entrypoint || !cmd) return;
    const entry = commandForm(model, entrypoint.instruction);
    const args = commandForm(model, cmd.instruction);
    if (entry.kind !== 'exec' || args.kind !== 'exec' || entry.argv.length === 0 || args.argv.length === 0) return;
    const program = entry.argv[0];
    if (basename(args.argv[0]) !== basename(program)) return;
    // `ENTRYPOINT ["tini", "--"]` or a wrapper script legitimately takes a program as CMD.
    if (entry.argv.length > 1 && entry.argv[entry.argv.length - 1] === '--') return;
    // `ENTRYPOINT ["/bin/bash", "/app/entrypoint.sh"]` runs a script, and CMD is that script's
    // arguments: it ends with `exec "$@"` and CMD's bash starts the service (acme-companion).
    // Only CMD that repeats the whole entrypoint runs the program twice.
    const runsScript = entry.argv.slice(1).some((word) => !word.startsWith('-'));
    if (runsScript && !entry.argv.every((word, i) => args.argv[i] === word)) return;
    const range = argumentsRange(cmd.instruction);
    if (!range) return;
    report({
      messageId: 'repeated',
      data: { program: args.argv[0], combined: [...entry.argv, ...args.argv].join(' ') },
      range,
      suggestions: [{ title: `Remove "${args.argv[0]}" from CMD`, edits: [{ range, newText: toExecForm(args.argv.slice(1)) }] }],
    });
  },
});

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}
