/**
 * dockerfile-ast recomputes an instruction's arguments from its text on every call (a character
 * scan with a positionAt per argument). Its own parser asks about four times per instruction while
 * building the tree, and rules ask again: in a profile of the CLI over the corpus this was most of
 * the parse. A parsed document's text never changes, so the first answer is kept on the instruction.
 * Each caller gets its own copy of the list: dockerfile-ast's ModifiableInstruction.getArguments
 * shifts the flags off the array it is given. Imported for its effect by every module that parses.
 */
import { Instruction, type Argument } from 'dockerfile-ast';

const MEMO = Symbol('rawArguments');
// getRawArguments is private in dockerfile-ast's types; it is the method every argument getter calls.
const prototype = Instruction.prototype as unknown as { getRawArguments(this: Instruction & { [MEMO]?: Argument[] }): Argument[] };
const computeRawArguments = prototype.getRawArguments;
prototype.getRawArguments = function () {
  const args = (this[MEMO] ??= computeRawArguments.call(this));
  return args.slice();
};

const argumentCache = new WeakMap<Instruction, Argument[]>();

/**
 * An instruction's arguments, computed once: dockerfile-ast recomputes them on every call,
 * and that was the largest cost of a lint after parsing itself.
 */
export function argumentsOf(instruction: Instruction): Argument[] {
  let args = argumentCache.get(instruction);
  if (!args) {
    args = instruction.getArguments();
    argumentCache.set(instruction, args);
  }
  return args;
}
