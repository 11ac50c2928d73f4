import { copyOperands } from '../engine/dockerfile/copySources';
import { keywordOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'add-url-without-checksum',
    group: 'other-security',
    description: 'ADD of a URL must pin the content with --checksum.',
    severity: 'warning',
    messages: {
      unchecked: 'ADD downloads {{url}} without --checksum: if the file changes or is tampered with, the build silently uses it.',
    },
    applicability: [],
    roles: { test: 'info', dev: 'info' },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (keywordOf(instruction) !== 'ADD') continue;
        const operands = copyOperands(model, stage, instruction);
        if (!operands || operands.flags.some((f) => f.toLowerCase().startsWith('checksum'))) continue;
        for (const source of operands.sources) {
          // Git sources are pinned by commit, not by a file checksum.
          if (/^https?:\/\//i.test(source.value) && !/\.git(#|$)/.test(source.value)) {
            report({ messageId: 'unchecked', data: { url: source.value }, range: source.range });
          }
        }
      }
    }
  },
});
