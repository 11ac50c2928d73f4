/** Where suppression comments go: above the instruction a line belongs to, after parser directives. */
import type { DockerfileModel } from '../dockerfile/model';

/** The first line of the instruction containing `line` (comments go there, never mid-continuation). */
export function instructionStartLine(model: DockerfileModel, line: number): number {
  const instructions = model.ast.getInstructions();
  let low = 0;
  let high = instructions.length - 1;
  let found = line;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = instructions[mid].getRange();
    if (range.start.line > line) high = mid - 1;
    else if (range.end.line < line) low = mid + 1;
    else {
      found = range.start.line;
      break;
    }
  }
  return found;
}

/** The line after the parser directives (`# syntax=`, `# escape=`), where file-wide comments can go. */
export function afterDirectivesLine(model: DockerfileModel): number {
  const directives = model.ast.getDirectives();
  return directives.length > 0 ? directives[directives.length - 1].getRange().end.line + 1 : 0;
}
