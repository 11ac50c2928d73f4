/** Text edits that rules build fixes from, keeping indentation and the file's line endings. */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../dockerfile/model';
import type { Range, TextEdit } from '../types';

/** Inserts whole lines before the line an instruction starts on. */
export function insertLinesBefore(model: DockerfileModel, instruction: Instruction, lines: string[]): TextEdit {
  const line = instruction.getRange().start.line;
  const indent = model.source.indentOf(line);
  const text = lines.map((l) => indent + l + model.source.eol).join('');
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text };
}

/** Inserts whole lines after the last line of an instruction (heredoc bodies included). */
export function insertLinesAfter(model: DockerfileModel, instruction: Instruction, lines: string[]): TextEdit {
  const endLine = instruction.getRange().end.line;
  const indent = model.source.indentOf(instruction.getRange().start.line);
  const end = { line: endLine, character: model.source.lineText(endLine).length };
  const text = lines.map((l) => model.source.eol + indent + l).join('');
  return { range: { start: end, end }, newText: text };
}

/** Removes the lines an instruction occupies, line ending included. */
export function deleteInstruction(model: DockerfileModel, instruction: Instruction): TextEdit {
  const range = instruction.getRange();
  const nextLine = range.end.line + 1;
  if (nextLine < model.source.lineCount) {
    return { range: { start: { line: range.start.line, character: 0 }, end: { line: nextLine, character: 0 } }, newText: '' };
  }
  // Last line of the file: take the line ending before it instead.
  const start = range.start.line > 0 ? { line: range.start.line - 1, character: model.source.lineText(range.start.line - 1).length } : { line: 0, character: 0 };
  return { range: { start, end: { line: range.end.line, character: model.source.lineText(range.end.line).length } }, newText: '' };
}

export function replaceRange(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** An exec-form JSON array as Docker reads it: double quotes, JSON escapes. */
export function toExecForm(argv: readonly string[]): string {
  return `[${argv.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}
