import { toExecForm } from '../engine/edits/edits';
import { commandForm } from '../engine/dockerfile/execForm';
import { argumentsRange } from '../engine/dockerfile/instructions';
import { instructionsOf } from '../engine/dockerfile/stageLineage';
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
    },
    applicability: ['safe'],
    applicabilityNote: 'safe (for single quotes)',
    peers: { buildkit: ['JSONArgsRecommended'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT']) {
        for (const instruction of instructionsOf(stage, keyword)) {
          const form = commandForm(model, instruction);
          if (form.kind !== 'invalid-json') continue;
          const range = argumentsRange(instruction);
          if (!range) continue;
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
