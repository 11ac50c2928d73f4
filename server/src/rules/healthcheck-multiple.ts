import { deleteInstruction } from '../engine/edits/edits';
import { instructionsOf } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'healthcheck-multiple',
    group: 'healthcheck',
    description: 'A stage must have at most one HEALTHCHECK: only the last one takes effect.',
    severity: 'warning',
    messages: {
      ignored: 'This HEALTHCHECK is ignored: the HEALTHCHECK on line {{line}} replaces it.',
    },
    applicability: ['safe'],
    roles: { build: 'hint' },
    peers: { hadolint: ['DL3012'], trivy: ['DS-0023', 'AVD-DS-0023', 'DS023'], buildkit: ['MultipleInstructionsDisallowed'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const checks = instructionsOf(stage, 'HEALTHCHECK');
      const last = checks[checks.length - 1];
      for (const check of checks.slice(0, -1)) {
        report({
          messageId: 'ignored',
          data: { line: last.getRange().start.line + 1 },
          range: check.getRange(),
          tags: ['unnecessary'],
          fix: { title: 'Remove the ignored HEALTHCHECK', edits: [deleteInstruction(model, check)] },
        });
      }
    }
  },
});
