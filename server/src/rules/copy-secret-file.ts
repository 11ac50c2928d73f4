import { copyOperands } from '../engine/copySources';
import { secretFileKind } from '../engine/secrets';
import { deleteInstruction, insertLinesBefore } from '../engine/edits';
import { keywordOf, type DockerfileModel, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { runScripts } from '../engine/runScripts';
import { effectiveArgv } from '../shell/commands';
import type { Instruction } from 'dockerfile-ast';
import type { Fix, TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'copy-secret-file',
    group: 'secrets',
    description: 'Secret files (keys, .env, .npmrc, cloud credentials) must not be copied into the image.',
    severity: 'error',
    messages: {
      copied: '{{keyword}} puts {{what}} ("{{source}}") into a layer: it stays in the image even if a later step deletes it.',
    },
    fix: 'suggestion',
    peers: { trivy: ['DS-0031', 'AVD-DS-0031'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = keywordOf(instruction);
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const operands = copyOperands(model, stage, instruction);
        if (!operands || operands.fromStage) continue;
        for (const source of operands.sources) {
          if (/^[a-z]+:\/\//i.test(source.value)) continue;
          const kind = secretFileKind(source.value);
          if (!kind) continue;
          const fix = kind.readers && operands.sources.length === 1 ? mountFix(model, stage, instruction, source.value, operands.absoluteDestination, operands.destination.endsWith('/'), kind.readers) : null;
          report({
            messageId: 'copied',
            data: { keyword, what: kind.what, source: source.value },
            range: source.range,
            ...(kind.maybe ? { severity: 'warning' as const } : {}),
            suggestions: fix ? [fix] : [],
          });
        }
      }
    }
  },
});

/** Replaces `COPY .npmrc ./` with a secret mount of the file on the RUNs that read it. */
function mountFix(model: DockerfileModel, stage: Stage, copy: Instruction, source: string, destination: string, destIsDir: boolean, readers: string[]): Fix | null {
  const base = source.split('/').pop()!;
  const target = destIsDir || destination.endsWith('/') ? `${destination.replace(/\/$/, '')}/${base}` : destination;
  const after = stage.instructions.slice(stage.instructions.indexOf(copy) + 1);
  const runs = runScripts(model, stage).filter(
    (r) => after.includes(r.instruction) && r.script?.commands.some((c) => readers.includes(effectiveArgv(c).program ?? '')),
  );
  if (runs.length === 0) return null;
  const id = base.replace(/^\./, '');
  const edits: TextEdit[] = [deleteInstruction(model, copy)];
  for (const run of runs) {
    const at = run.instruction.getInstructionRange().end;
    edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id},target=${target}` });
  }
  edits.push(insertLinesBefore(model, runs[0].instruction, [`# Build with: docker build --secret id=${id},src=${source} .`]));
  return { title: `Mount ${base} as a build secret for the RUNs that need it, instead of copying it`, safe: false, edits };
}
