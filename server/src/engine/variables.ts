/**
 * Docker's variable substitution for instruction arguments: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`.
 * Values come from a lookup; a variable the lookup does not know is reported as
 * unresolved so rules can stay quiet instead of guessing.
 */
export interface Substitution {
  value: string;
  /** Variables that were referenced (resolved or not), in order. */
  used: string[];
  /** Variables with no value and no inline default. */
  unresolved: string[];
}

export type VariableLookup = (name: string) => string | undefined;

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function substitute(text: string, lookup: VariableLookup, escapeChar = '\\'): Substitution {
  const used: string[] = [];
  const unresolved: string[] = [];
  if (!text.includes('$')) return { value: text, used, unresolved };
  let value = '';
  let cursor = 0;
  VARIABLE.lastIndex = 0;
  for (let match = VARIABLE.exec(text); match; match = VARIABLE.exec(text)) {
    const start = match.index;
    // An escaped dollar is literal.
    if (start > 0 && text[start - 1] === escapeChar) continue;
    value += text.slice(cursor, start);
    cursor = start + match[0].length;
    const name = match[1] ?? match[4];
    used.push(name);
    const current = lookup(name);
    const operator = match[2];
    const word = match[3] ?? '';
    const isSet = current !== undefined;
    const isNonEmpty = isSet && current !== '';
    if (operator === ':-') value += isNonEmpty ? current : resolveNested(word, lookup, used, unresolved);
    else if (operator === '-') value += isSet ? current : resolveNested(word, lookup, used, unresolved);
    else if (operator === ':+') value += isNonEmpty ? resolveNested(word, lookup, used, unresolved) : '';
    else if (operator === '+') value += isSet ? resolveNested(word, lookup, used, unresolved) : '';
    else if (isSet) value += current;
    else unresolved.push(name);
  }
  value += text.slice(cursor);
  return { value, used, unresolved };
}

function resolveNested(word: string, lookup: VariableLookup, used: string[], unresolved: string[]): string {
  const inner = substitute(word, lookup);
  used.push(...inner.used);
  unresolved.push(...inner.unresolved);
  return inner.value;
}
