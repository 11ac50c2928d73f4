import { join } from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import { ignoreMatcher, type BuildContext } from '../buildContext';
import { copyOperands } from '../dockerfile/copySources';
import { type DockerfileModel } from '../dockerfile/model';
import { keywordOf } from '../dockerfile/instructions';
import type { Fix } from '../types';

type OtherFileEdit = NonNullable<Fix['otherFiles']>[number];

/** The COPY and ADD instructions that copy the whole build context (`COPY . .`, `ADD ./ /app`). */
export function wholeContextCopies(model: DockerfileModel): Instruction[] {
  const found: Instruction[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (!['COPY', 'ADD'].includes(keywordOf(instruction))) continue;
      const operands = copyOperands(model, stage, instruction);
      if (operands && !operands.fromStage && operands.sources.some((s) => ['.', './', '*', '/'].includes(s.value))) found.push(instruction);
    }
  }
  return found;
}

/** Whether the context holds `path` and its ignore file lets it through. */
export function contextLetsThrough(context: BuildContext, path: string): boolean {
  return context.entries.includes(path) && !ignoreMatcher(context)(path);
}

/**
 * Adds lines to the context's ignore file, or creates `.dockerignore` with `newFileText`
 * (default: just the lines) when the context has none.
 */
export function ignoreFileEdit(context: BuildContext, lines: string[], newFileText?: string): OtherFileEdit {
  const start = { line: 0, character: 0 };
  const ignoreFile = context.ignoreFile;
  if (!ignoreFile) return { path: join(context.root, '.dockerignore'), create: true, edits: [{ range: { start, end: start }, newText: newFileText ?? `${lines.join('\n')}\n` }] };
  const existing = ignoreFile.text.split('\n');
  const end = { line: existing.length - 1, character: existing[existing.length - 1].length };
  const lead = ignoreFile.text === '' || ignoreFile.text.endsWith('\n') ? '' : '\n';
  return { path: ignoreFile.path, create: false, edits: [{ range: { start: end, end }, newText: `${lead}${lines.join('\n')}\n` }] };
}
