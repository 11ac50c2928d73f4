/**
 * Variable substitution as Docker does it for instruction arguments, and as Compose does it
 * for its files: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`,
 * `${VAR+alt}`, `${VAR:?error}`, `${VAR?error}`, with defaults that nest (`${A:-${B:-x}}`).
 * Values come from a lookup; a variable the lookup does not know is reported as unresolved so
 * rules can stay quiet instead of guessing.
 *
 * A scanner, not a regular expression: each character is read once, whatever the nesting, so a
 * hostile file (100,000 unterminated `${A:-`) costs linear time. Nesting deeper than
 * MAX_NESTING is not expanded (reported unresolved) instead of recursing without bound.
 */
export interface Substitution {
  value: string;
  /** Variables that were referenced (resolved or not), in order. */
  used: string[];
  /** Variables with no value and no inline default. */
  unresolved: string[];
}

export type VariableLookup = (name: string) => string | undefined;

/**
 * How a literal dollar is written: Dockerfiles escape it with their escape character (`\$`, or
 * `` `$ `` with `# escape=``), Compose doubles it (`$$`).
 */
export type Dialect = { escapeChar: string } | 'compose';

const MAX_NESTING = 32;

export function substitute(text: string, lookup: VariableLookup, escapeChar = '\\'): Substitution {
  return substituteIn(text, lookup, { escapeChar });
}

/** Compose interpolation; the environment is not known here, so only defaults resolve. */
export function interpolateCompose(text: string, lookup: VariableLookup = () => undefined): Substitution {
  return substituteIn(text, lookup, 'compose');
}

export function substituteIn(text: string, lookup: VariableLookup, dialect: Dialect): Substitution {
  const used: string[] = [];
  const unresolved: string[] = [];
  if (!text.includes('$')) return { value: text, used, unresolved };
  const scanner = new Scanner(text, lookup, dialect, used, unresolved);
  const value = scanner.word(0, false);
  return { value, used, unresolved };
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const OPERATORS = [':-', ':+', ':?', '-', '+', '?'] as const;
type Operator = (typeof OPERATORS)[number];

class Scanner {
  /** The read position; only ever moves forward. */
  private at = 0;
  /** Whether the last word() inside braces ended at its closing `}` (false: ran off the end). */
  private closed = false;

  constructor(
    private readonly text: string,
    private readonly lookup: VariableLookup,
    private readonly dialect: Dialect,
    private readonly used: string[],
    private readonly unresolved: string[],
  ) {}

  /**
   * Reads text up to the end, or (inside `${…}`) up to the `}` that closes it, which is consumed.
   * Returns the expanded value.
   */
  word(depth: number, inBraces: boolean): string {
    const { text } = this;
    let value = '';
    let literalFrom = this.at;
    while (this.at < text.length) {
      const ch = text[this.at];
      if (inBraces && ch === '}') {
        value += text.slice(literalFrom, this.at);
        this.at++;
        this.closed = true;
        return value;
      }
      if (ch !== '$' && !this.isEscape(ch)) {
        this.at++;
        continue;
      }
      value += text.slice(literalFrom, this.at);
      value += this.dollar(depth);
      literalFrom = this.at;
    }
    value += text.slice(literalFrom, this.at);
    this.closed = false;
    return value;
  }

  private isEscape(ch: string): boolean {
    return this.dialect !== 'compose' && ch === this.dialect.escapeChar && this.text[this.at + 1] === '$';
  }

  /** At a `$` (or an escaped one): reads one expansion and returns its value. */
  private dollar(depth: number): string {
    const { text } = this;
    if (this.isEscape(text[this.at])) {
      this.at += 2;
      return '$';
    }
    const next = text[this.at + 1];
    if (this.dialect === 'compose' && next === '$') {
      this.at += 2;
      return '$';
    }
    if (next !== undefined && NAME_START.test(next)) {
      this.at++;
      return this.variable(this.name());
    }
    if (next === '{') return this.braced(depth);
    // A lone `$` (end of text, `$1`, `$(`): literal.
    this.at++;
    return '$';
  }

  private name(): string {
    const start = this.at;
    while (this.at < this.text.length && NAME_PART.test(this.text[this.at])) this.at++;
    return this.text.slice(start, this.at);
  }

  /** `${…}` at this.at; an unterminated or malformed one is literal text. */
  private braced(depth: number): string {
    const { text } = this;
    const start = this.at;
    this.at += 2;
    if (!NAME_START.test(text[this.at] ?? '')) {
      this.at = start + 1;
      return '$';
    }
    const name = this.name();
    if (text[this.at] === '}') {
      this.at++;
      return this.variable(name);
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, this.at));
    if (!operator) {
      // `${VAR#pattern}`, `${VAR%pattern}`, `${VAR/a/b}`: the result is not worked out here.
      if (!this.skipToClose()) return this.literalFrom(start);
      this.used.push(name);
      this.unresolved.push(name);
      return '';
    }
    this.at += operator.length;
    if (depth >= MAX_NESTING) {
      if (!this.skipToClose()) return this.literalFrom(start);
      this.used.push(name);
      this.unresolved.push(name);
      return '';
    }
    // The word is read (and its variables recorded) only when it is used, as the shell does;
    // an unused one is skipped without expanding it.
    const current = this.lookup(name);
    const isSet = current !== undefined;
    const isNonEmpty = isSet && current !== '';
    const wordUsed = wordApplies(operator, isSet, isNonEmpty);
    this.used.push(name);
    if (!wordUsed) {
      if (!this.skipToClose()) return this.literalFrom(start);
      return operator === ':+' || operator === '+' ? '' : (current as string);
    }
    const usedBefore = this.used.length;
    const unresolvedBefore = this.unresolved.length;
    const word = this.word(depth + 1, true);
    if (!this.closed) {
      // Ran off the end: no closing brace. Docker rejects the line; treat it as literal text.
      this.used.length = usedBefore;
      this.unresolved.length = unresolvedBefore;
      return this.literalFrom(start);
    }
    if (operator === ':?' || operator === '?') {
      // Unset: Compose and Docker stop with the message; the value is not known.
      this.unresolved.push(name);
      return '';
    }
    return word;
  }

  /** `name` read: its value, or unresolved. */
  private variable(name: string): string {
    this.used.push(name);
    const current = this.lookup(name);
    if (current !== undefined) return current;
    this.unresolved.push(name);
    return '';
  }

  /** Moves past the `}` that closes the current `${`, counting nested braces; false if there is none. */
  private skipToClose(): boolean {
    const { text } = this;
    let open = 1;
    for (let i = this.at; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{' && text[i - 1] === '$') open++;
      else if (ch === '}' && --open === 0) {
        this.at = i + 1;
        return true;
      }
    }
    return false;
  }

  /** No closing brace: the rest of the text is literal. */
  private literalFrom(start: number): string {
    this.at = this.text.length;
    return this.text.slice(start);
  }
}

function wordApplies(operator: Operator, isSet: boolean, isNonEmpty: boolean): boolean {
  switch (operator) {
    case ':-':
    case ':?':
      return !isNonEmpty;
    case '-':
    case '?':
      return !isSet;
    case ':+':
      return isNonEmpty;
    case '+':
      return isSet;
  }
}
