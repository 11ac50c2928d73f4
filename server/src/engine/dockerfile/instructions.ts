/**
 * What one instruction says: its keyword, its flags, its arguments as words, as one string and
 * as a range. Each is kept per instruction, as every rule asks and dockerfile-ast re-reads the
 * arguments on every call.
 */
import type { Flag, Instruction } from 'dockerfile-ast';
import { argumentsOf } from './argumentMemo';
import { instructionBody } from './instructionBody';
import type { DockerfileModel } from './model';
import type { Range } from '../types';

// Memoized in argumentMemo.ts (which instructionBody.ts uses too, without importing this module).
export { argumentsOf };

const flags = new WeakMap<Instruction, Flag[]>();

/**
 * The `--flags` of an instruction (RUN --mount, COPY --from …), or none for instructions that
 * take no flags. Kept per instruction: dockerfile-ast re-reads the arguments on every call.
 */
export function flagsOf(instruction: Instruction): Flag[] {
  let list = flags.get(instruction);
  if (!list) {
    const withFlags = instruction as Instruction & { getFlags?: () => Flag[] };
    list = typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
    flags.set(instruction, list);
  }
  return list;
}

const keywords = new WeakMap<Instruction, string>();

/** Keyword of an instruction, upper case (`RUN`, `CMD`…); every rule asks, so it is kept per instruction. */
export function keywordOf(instruction: Instruction): string {
  let keyword = keywords.get(instruction);
  if (keyword === undefined) {
    keyword = instruction.getKeyword().toUpperCase();
    keywords.set(instruction, keyword);
  }
  return keyword;
}

/** The arguments of an instruction as one string: continuations joined, comments dropped. */
export function argumentsText(model: DockerfileModel, instruction: Instruction): string {
  return instructionBody(model, instruction).text;
}

/** The range of an instruction's arguments (everything after the keyword and flags). */
export function argumentsRange(instruction: Instruction): Range | null {
  const args = argumentsOf(instruction);
  if (args.length === 0) return null;
  return { start: args[0].getRange().start, end: args[args.length - 1].getRange().end };
}

/** Variable names an instruction's text refers to (`$NAME`, `${NAME}`, `${NAME:-x}`). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return names;
}
