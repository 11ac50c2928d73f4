import { deleteInstruction } from '../engine/edits/edits';
import { instructionsOf } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'multiple-cmd-entrypoint',
    group: 'entrypoint-cmd',
    description: 'A stage must have at most one CMD and one ENTRYPOINT: only the last of each takes effect.',
    severity: 'warning',
    messages: {
      ignored: 'This {{keyword}} is ignored: the {{keyword}} on line {{line}} replaces it.',
    },
    applicability: ['safe'],
    roles: { build: 'hint' },
    peers: { hadolint: ['DL4003', 'DL4004'], trivy: ['DS-0016', 'DS-0007', 'AVD-DS-0016', 'AVD-DS-0007'], buildkit: ['MultipleInstructionsDisallowed'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT']) {
        const all = instructionsOf(stage, keyword);
        const last = all[all.length - 1];
        for (const dead of all.slice(0, -1)) {
          report({
            messageId: 'ignored',
            data: { keyword, line: last.getRange().start.line + 1 },
            range: dead.getRange(),
            tags: ['unnecessary'],
            fix: { title: `Remove the ignored ${keyword}`, edits: [deleteInstruction(model, dead)] },
          });
        }
      }
    }
  },
});
