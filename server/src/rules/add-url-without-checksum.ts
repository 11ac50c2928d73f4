import { copyOperands } from '../engine/dockerfile/copySources';
import { keywordOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { variablesAt } from '../engine/dockerfile/stageVariables';
import { substitute } from '../engine/dockerfile/variables';
import { urlForMessage } from '../engine/knowledge/urls';

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
          // `ARG URL=https://…/releases/latest/download/app.tar.gz` then `ADD ${URL} …` (invoiceninja):
          // the URL is the build argument's default.
          const url = source.value.includes('$') ? substitute(source.value, variablesAt(model, stage, instruction), model.escapeChar).value : source.value;
          // Git sources are pinned by commit, not by a file checksum.
          if (/^https?:\/\//i.test(url) && !/\.git(#|$)/.test(url)) {
            report({ messageId: 'unchecked', data: { url: urlForMessage(url) }, range: source.range });
          }
        }
      }
    }
  },
});
