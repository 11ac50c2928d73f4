import { argumentsRange } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { runScripts } from '../engine/dockerfile/runScripts';
import { danglingOperator } from '../shell/danglingOperator';

export default defineRule({
  meta: {
    id: 'shell-syntax',
    group: 'other-security',
    description: "A RUN step's shell script must parse, or the build fails at that step.",
    severity: 'error',
    messages: {
      dangling: 'This RUN is not valid shell: {{problem}}. The build fails at this step.',
    },
    applicability: [],
    peers: {},
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const run of runScripts(model, stage)) {
        // Reported only where tree-sitter-bash and the operator scan both see an error: the
        // grammar alone flags some scripts that bash runs (nested `{ …; }` groups).
        if (!run.script?.hasErrors) continue;
        const text = run.fromHeredoc ? (run.body.heredocs[0]?.text ?? '') : run.body.text;
        const problem = danglingOperator(text);
        if (!problem) continue;
        const at = run.fromHeredoc ? null : run.rangeOf(problem.offset, problem.offset + 2);
        report({ messageId: 'dangling', data: { problem: problem.message }, range: at ?? argumentsRange(run.instruction) ?? run.instruction.getRange() });
      }
    }
  },
});
