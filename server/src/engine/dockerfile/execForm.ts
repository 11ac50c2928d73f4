/** Reading CMD/ENTRYPOINT arguments: exec form (JSON), JSON that Docker rejects, or shell form. */
import type { Instruction } from 'dockerfile-ast';
import { instructionBody } from './instructionBody';
import type { DockerfileModel } from './model';
import { parseJsonArray } from './runScripts';

export type CommandForm =
  | { kind: 'exec'; argv: string[] }
  /** Starts with `[` but is not a JSON array of strings: Docker silently runs it as shell form. */
  | { kind: 'invalid-json'; text: string; singleQuoted: string[] | null }
  | { kind: 'shell'; text: string };

export function commandForm(model: DockerfileModel, instruction: Instruction): CommandForm {
  const text = instructionBody(model, instruction).text.trim();
  if (!text.startsWith('[')) return { kind: 'shell', text };
  const argv = parseJsonArray(text);
  if (argv) return { kind: 'exec', argv };
  return { kind: 'invalid-json', text, singleQuoted: parseLooseArray(text) };
}

/**
 * Reads `['node', "app.js"]`: an array whose strings use single or double quotes. Returns
 * null for anything else, so a fix is only offered when the author's intent is unambiguous.
 */
export function parseLooseArray(text: string): string[] | null {
  const values: string[] = [];
  let i = 1;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skipSpace();
  if (text[i] === ']') return text.slice(i + 1).trim() === '' ? values : null;
  for (;;) {
    skipSpace();
    const quote = text[i];
    if (quote !== "'" && quote !== '"') return null;
    i++;
    let value = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\' && i + 1 < text.length) {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
      } else {
        value += text[i++];
      }
    }
    if (i >= text.length) return null;
    i++;
    values.push(value);
    skipSpace();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ']') return text.slice(i + 1).trim() === '' ? values : null;
    return null;
  }
}
