import { toExecForm } from '../engine/edits/edits';
import { commandForm } from '../engine/dockerfile/execForm';
import { argumentsRange } from '../engine/dockerfile/instructions';
import { containerCommand, instructionsOf } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'json-args-invalid',
    group: 'entrypoint-cmd',
    description: 'CMD and ENTRYPOINT written as a JSON array must be valid JSON, or Docker silently runs them as a shell command.',
    severity: 'error',
    messages: {
      singleQuotes: '{{keyword}} uses single quotes, which JSON does not allow: Docker runs this text as a shell command, and the container fails to start.',
      invalidJson: '{{keyword}} looks like an exec-form array but is not valid JSON: Docker runs this text as a shell command instead.',
      spacedProgram: '{{keyword}} names a program called "{{program}}": exec form does not split words, so the container fails to start ("no such file or directory"). Give each word its own string.',
    },
    applicability: ['safe', 'suggestion'],
    applicabilityNote: 'safe for single quotes; suggestion for a program name holding spaces',
    // A build stage's command never runs; a dev or test image's is often overridden (listmonk's
    // compose gives its dev image a command of its own).
    roles: { build: 'off', test: 'info', dev: 'info', tool: 'info' },
    peers: { buildkit: ['JSONArgsRecommended'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT']) {
        for (const instruction of instructionsOf(stage, keyword)) {
          const form = commandForm(model, instruction);
          const range = argumentsRange(instruction);
          if (!range) continue;
          if (form.kind === 'exec') {
            // A CMD under an ENTRYPOINT holds arguments, where a space can be meant (`--name=A B`).
            if (keyword === 'CMD' && containerCommand(stage).entrypoint) continue;
            const program = form.argv[0];
            if (!program || !/\s/.test(program.trim()) || /[\\'"]|^[A-Za-z]:/.test(program)) continue;
            report({
              messageId: 'spacedProgram',
              data: { keyword, program },
              range,
              suggestions: [{ title: `Split "${program}" into its words`, edits: [{ range, newText: toExecForm([...program.trim().split(/\s+/), ...form.argv.slice(1)]) }] }],
            });
            continue;
          }
          if (form.kind !== 'invalid-json') continue;
          const argv = form.singleQuoted;
          report({
            messageId: argv && form.text.includes("'") ? 'singleQuotes' : 'invalidJson',
            data: { keyword },
            range,
            ...(argv ? { fix: { title: 'Rewrite as a valid JSON array', edits: [{ range, newText: toExecForm(argv) }] } } : {}),
          });
        }
      }
    }
  },
});
