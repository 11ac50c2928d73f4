/**
 * The shell syntax errors that break real Dockerfiles: a control operator with no command on
 * one side (`a; && b`, `a && && b`, `a &&` at the end, `&& b` at the start). tree-sitter-bash
 * also flags constructs that bash accepts, so a RUN is only reported when both agree; this
 * scan reads each character once and knows quotes, escapes, `$( )`, backticks and comments.
 */

export interface OperatorError {
  /** Offset of the operator in the text. */
  offset: number;
  message: string;
}

type Token = { kind: 'word' } | { kind: 'op'; op: string; offset: number };

const BINARY = new Set(['&&', '||', '|']);

export function danglingOperator(text: string): OperatorError | null {
  // `case … in a) …;; esac` uses `;;` and `)` as syntax of its own: not judged here.
  if (/(^|[\s;&|(])case\s/.test(text)) return null;
  let previous: Token | null = null;
  let sawWord = false;
  const tokens = scan(text);
  for (const token of tokens) {
    if (token.kind === 'word') {
      previous = token;
      sawWord = true;
      continue;
    }
    if (token.op === '\n') {
      // A newline after `&&`, `||` or `|` continues the command; elsewhere it ends one.
      if (previous?.kind === 'op' && BINARY.has(previous.op)) continue;
      if (previous?.kind === 'word') previous = { kind: 'op', op: ';', offset: token.offset };
      continue;
    }
    if (!sawWord && BINARY.has(token.op)) return { offset: token.offset, message: `"${token.op}" with no command before it` };
    if (previous?.kind === 'op') {
      const first = previous.op;
      if (BINARY.has(first) || BINARY.has(token.op)) return { offset: token.offset, message: `"${first}" followed by "${token.op}" with no command between them` };
    }
    previous = token;
  }
  if (previous?.kind === 'op' && BINARY.has(previous.op)) return { offset: previous.offset, message: `"${previous.op}" at the end with no command after it` };
  return null;
}

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let inWord = false;
  const word = () => {
    if (!inWord) tokens.push({ kind: 'word' });
    inWord = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      word();
      i += 2;
    } else if (c === "'") {
      word();
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') {
      word();
      i = skipDoubleQuoted(text, i + 1);
    } else if (c === '`') {
      word();
      const end = text.indexOf('`', i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '$' && text[i + 1] === '(') {
      word();
      i = skipParens(text, i + 2);
    } else if (c === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '&' || c === '|' || c === ';') {
      inWord = false;
      const two = text.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' ? two : c;
      // `|&` (bash) and `;&` / `;;&` (case fall-through) are operators of their own.
      if (op === '|' && text[i + 1] === '&') {
        tokens.push({ kind: 'op', op: '|', offset: i });
        i += 2;
        continue;
      }
      // `>&2`, `2>&1`, `&>file`: redirections, part of the command.
      if (op === '&' && (text[i - 1] === '>' || text[i - 1] === '<' || text[i + 1] === '>')) {
        word();
        i++;
        continue;
      }
      tokens.push({ kind: 'op', op, offset: i });
      i += op.length;
    } else if (c === '\n') {
      inWord = false;
      tokens.push({ kind: 'op', op: '\n', offset: i });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      inWord = false;
      i++;
    } else {
      word();
      i++;
    }
  }
  return tokens;
}

function skipDoubleQuoted(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else if (text[i] === '$' && text[i + 1] === '(') i = skipParens(text, i + 2);
    else i++;
  }
  return i;
}

/** Past the `)` that closes a `$(`, with nested parentheses and quotes. */
function skipParens(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') i = skipDoubleQuoted(text, i + 1);
    else {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      i++;
    }
  }
  return i;
}
