/**
 * Shell bodies of RUN, CMD and ENTRYPOINT, parsed with tree-sitter-bash (WebAssembly).
 *
 * Why tree-sitter: it is a real, error-tolerant shell grammar that parses the corpus's
 * 6,474 RUN bodies in about 0.25 s, where mvdan/sh compiled to WASM (`sh-syntax`) took
 * 38 s for the same bodies (../shared/BENCH-ANCHORS.md). Error tolerance matters: a
 * half-typed RUN line in the editor still yields the commands around the error.
 *
 * Trees live in WASM memory, so each parse is turned into a small plain object and the
 * tree is freed at once; nothing tree-sitter owns escapes this module.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';

let parser: Parser | null = null;
let initializing: Promise<void> | null = null;

/** Loads the WASM parser once. The engine's entry points await this before linting. */
export function initShellParser(wasmDir?: string): Promise<void> {
  if (parser) return Promise.resolve();
  initializing ??= (async () => {
    const dir = wasmDir ?? findWasmDir();
    // V8 recompiles hot WASM functions with its optimizing compiler on background threads, and a
    // process cannot exit until those jobs finish: 0.5 s added to every one-file CLI run. The
    // baseline compiler alone also lints the corpus faster here (the optimizing jobs compete for
    // the two cores; parse time is mostly the copy into JavaScript objects). Set before any module
    // is compiled; it applies to the whole process.
    setFlagsFromString('--liftoff-only');
    await Parser.init({ locateFile: (file: string) => join(dir, file) });
    const bash = await Language.load(join(dir, 'tree-sitter-bash.wasm'));
    const instance = new Parser();
    instance.setLanguage(bash);
    parser = instance;
  })();
  return initializing;
}

/**
 * After a lint was stopped part-way (a deadline), the parser may be in the middle of a parse:
 * start it afresh so the next parse does not resume the old one.
 */
export function resetShellParser(): void {
  parser?.reset();
}

/** The bundles keep the .wasm files beside them; tests running from source use the build's dist/. */
function findWasmDir(): string {
  const candidates = [__dirname, join(__dirname, '..'), join(__dirname, '..', '..', '..', 'dist'), join(process.cwd(), 'dist')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'tree-sitter-bash.wasm')) && existsSync(join(dir, 'web-tree-sitter.wasm'))) return dir;
  }
  throw new Error(`shell parser: tree-sitter-bash.wasm not found (run "npm run build"; looked in ${candidates.join(', ')})`);
}

export interface ShellWord {
  /** The word as written. */
  text: string;
  /** The word after quote removal, or null when it depends on the shell (expansions, globs, `~`). */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  name: ShellWord | null;
  args: ShellWord[];
  /** `FOO=bar` prefixes. */
  assignments: string[];
  /** Redirections of the command (`> file`, `>> ~/.npmrc`, `2>&1`). */
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** Commands of the same pipeline share an id; `position` is 0 for the first. */
  pipeline: { id: number; position: number; length: number } | null;
  /** Inside a command or process substitution (`$(a | b)`): its output is used, not its status. */
  nested?: boolean;
  /**
   * The command is in the `then` branch of an `if` that tests one variable (`if [ "$DEBUG" ]`,
   * `if [ "$INSTALL_DEV" = true ]`): it runs only when that variable is set, or truthy.
   */
  guard?: ShellGuard;
}

export interface ShellGuard {
  variable: string;
  test: 'set' | 'truthy';
}

export interface ShellRedirect {
  operator: string;
  target: ShellWord | null;
}

export interface ShellFeatures {
  expansion: boolean;
  list: boolean;
  pipeline: boolean;
  redirect: boolean;
  subshell: boolean;
  glob: boolean;
  control: boolean;
  background: boolean;
}

export interface ShellScript {
  commands: ShellCommand[];
  features: ShellFeatures;
  /** True when the whole script is one command with no operators, redirects or expansions. */
  isPlainCommand: boolean;
  /** Offset before the last top-level command when it follows `&&` or `;`, where `exec ` can go. */
  execInsertOffset: number | null;
  hasErrors: boolean;
}

const LIMIT = 256 * 1024;

/** `[ "$X" ]`, `[ -n "$X" ]`, `test -n "$X"`: X must be set; `[ "$X" = true ]` (or `==`, 1, yes, on): X must be truthy. */
function guardOf(condition: string): ShellGuard | null {
  const text = condition.trim().replace(/;$/, '').trim();
  const set = /^(?:\[\[?|test)\s+(?:-n\s+)?"?\$\{?(\w+)\}?"?\s*(?:\]\]?)?$/.exec(text);
  if (set) return { variable: set[1], test: 'set' };
  const truthy = /^(?:\[\[?|test)\s+"?\$\{?(\w+)\}?"?\s+==?\s+["']?(?:true|1|yes|on)["']?\s*(?:\]\]?)?$/i.exec(text);
  return truthy ? { variable: truthy[1], test: 'truthy' } : null;
}

/**
 * A syntax node copied out of WASM memory with one cursor walk. Reading `node.children` on
 * tree-sitter's own objects marshals every node across the WASM boundary; the cursor does not,
 * and makes shell parsing several times faster on the corpus.
 */
interface PlainNode {
  type: string;
  named: boolean;
  field: string | null;
  start: number;
  end: number;
  children: PlainNode[];
}

/**
 * Deeper than this, a script is machine-made (`a && a && …` 100,000 times): the rest of the
 * tree is dropped rather than overflowing the stack, and the script counts as having errors.
 */
const MAX_DEPTH = 1500;

function copyTree(cursor: TreeCursor): { root: PlainNode; truncated: boolean } {
  const make = (): PlainNode => ({ type: cursor.nodeType, named: cursor.nodeIsNamed, field: cursor.currentFieldName, start: cursor.startIndex, end: cursor.endIndex, children: [] });
  const root = make();
  const stack: PlainNode[] = [root];
  let truncated = false;
  // An explicit stack instead of recursion: depth is bounded by MAX_DEPTH, not by the JS stack.
  for (;;) {
    const node = stack[stack.length - 1];
    if (stack.length < MAX_DEPTH && cursor.gotoFirstChild()) {
      const child = make();
      node.children.push(child);
      stack.push(child);
      continue;
    }
    if (stack.length >= MAX_DEPTH && cursor.gotoFirstChild()) {
      truncated = true;
      cursor.gotoParent();
    }
    for (;;) {
      if (stack.length === 1) return { root, truncated };
      if (cursor.gotoNextSibling()) {
        stack.pop();
        const sibling = make();
        stack[stack.length - 1].children.push(sibling);
        stack.push(sibling);
        break;
      }
      cursor.gotoParent();
      stack.pop();
    }
  }
}

const named = (node: PlainNode) => node.children.filter((c) => c.named);

/**
 * Parsed scripts by text. While someone types in a long Dockerfile, every lint re-reads all its
 * RUN bodies, and all but the one being edited are unchanged: their parses come from here.
 * Results are never mutated by callers, so sharing them is safe. Bounded, least recently used
 * first out; very long bodies are not kept.
 */
const parsedScripts = new Map<string, ShellScript>();
const CACHE_ENTRIES = 4096;
const CACHE_TEXT_LIMIT = 16 * 1024;
/** A parsed script weighs about 50 bytes per character of its text: the cache holds at most this much text. */
const CACHE_CHARS = 1024 * 1024;
let cachedChars = 0;

export function parseShell(text: string): ShellScript {
  if (text.length > CACHE_TEXT_LIMIT) return parseShellUncached(text);
  const cached = parsedScripts.get(text);
  if (cached) {
    parsedScripts.delete(text);
    parsedScripts.set(text, cached);
    return cached;
  }
  const script = parseShellUncached(text);
  parsedScripts.set(text, script);
  cachedChars += text.length;
  while (parsedScripts.size > CACHE_ENTRIES || cachedChars > CACHE_CHARS) {
    const oldest = parsedScripts.keys().next().value!;
    parsedScripts.delete(oldest);
    cachedChars -= oldest.length;
  }
  return script;
}

function parseShellUncached(text: string): ShellScript {
  if (!parser) throw new Error('shell parser used before initShellParser() finished');
  const features: ShellFeatures = {
    expansion: false,
    list: false,
    pipeline: false,
    redirect: false,
    subshell: false,
    glob: false,
    control: false,
    background: false,
  };
  // A pathological body must not stall the editor: very long scripts are cut for analysis.
  const body = text.length > LIMIT ? text.slice(0, LIMIT) : text;
  const tree = parser.parse(body);
  if (!tree) return { commands: [], features, isPlainCommand: false, execInsertOffset: null, hasErrors: true };
  let root: PlainNode;
  let hasErrors: boolean;
  try {
    const cursor = tree.walk();
    const copied = copyTree(cursor);
    cursor.delete();
    root = copied.root;
    hasErrors = tree.rootNode.hasError || copied.truncated;
  } finally {
    tree.delete();
  }
  const walker = new Walker(body, features);
  walker.visit(root, null);
  const statements = named(root).filter((n) => n.type !== 'comment');
  const isPlainCommand = statements.length === 1 && statements[0].type === 'command' && !features.expansion && !features.glob && !hasErrors;
  return {
    commands: walker.commands,
    features,
    isPlainCommand,
    execInsertOffset: hasErrors ? null : findExecInsertOffset(statements),
    hasErrors,
  };
}

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

class Walker {
  readonly commands: ShellCommand[] = [];
  private pipelineCount = 0;

  /** How many command substitutions the walk is inside. */
  private substitutionDepth = 0;

  constructor(
    private readonly text: string,
    private readonly features: ShellFeatures,
  ) {}

  visit(node: PlainNode, pipeline: ShellCommand['pipeline']): void {
    switch (node.type) {
      case 'command':
        this.commands.push(this.command(node, pipeline));
        // Command substitutions inside arguments hold commands too.
        for (const child of named(node)) this.visitNested(child);
        return;
      case 'pipeline': {
        this.features.pipeline = true;
        const id = this.pipelineCount++;
        const members = named(node).filter((n) => n.type !== 'comment');
        members.forEach((member, position) => this.visit(member, { id, position, length: members.length }));
        return;
      }
      case 'command_substitution':
      case 'process_substitution':
        // Outside a command's arguments too (`VERSION="$(curl … | cut …)"` alone).
        this.features.expansion = true;
        this.substitutionDepth++;
        for (const child of node.children) this.visit(child, null);
        this.substitutionDepth--;
        return;
      case 'list':
        this.features.list = true;
        break;
      case 'redirected_statement': {
        this.features.redirect = true;
        const redirects = node.children.filter((c) => c.type.endsWith('_redirect')).map((r) => this.redirect(r));
        const before = this.commands.length;
        for (const child of node.children) if (!child.type.endsWith('_redirect')) this.visit(child, pipeline);
        // The redirect belongs to the last command of the body (`a && b > f` redirects b).
        if (this.commands.length > before) this.commands[this.commands.length - 1].redirects.push(...redirects);
        return;
      }
      case 'file_redirect':
      case 'heredoc_redirect':
      case 'herestring_redirect':
        this.features.redirect = true;
        break;
      case 'subshell':
      case 'compound_statement':
        this.features.subshell = true;
        break;
      case 'if_statement': {
        this.features.control = true;
        const condition = node.children.find((c) => c.field === 'condition');
        const guard = condition ? guardOf(this.text.slice(condition.start, condition.end)) : null;
        if (!guard) break;
        // The condition and the elif/else branches may run whatever the variable; the `then` branch only with it.
        let inThen = false;
        for (const child of node.children) {
          if (child.type === 'then') inThen = true;
          else if (child.type === 'elif_clause' || child.type === 'else_clause' || child.type === 'fi') inThen = false;
          if (child.type === '&') this.features.background = true;
          if (child.type === ';' || child.type === '&&' || child.type === '||') this.features.list = true;
          const before = this.commands.length;
          this.visit(child, pipeline);
          if (inThen) for (let i = before; i < this.commands.length; i++) this.commands[i].guard ??= guard;
        }
        return;
      }
      case 'for_statement':
      case 'c_style_for_statement':
      case 'while_statement':
      case 'case_statement':
      case 'function_definition':
      case 'negated_command':
        this.features.control = true;
        break;
      default:
        if (EXPANSIONS.has(node.type)) this.features.expansion = true;
    }
    for (const child of node.children) {
      if (child.type === '&') this.features.background = true;
      if (child.type === ';' || child.type === '&&' || child.type === '||') this.features.list = true;
      this.visit(child, pipeline);
    }
  }

  private visitNested(node: PlainNode): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      this.features.expansion = true;
      this.substitutionDepth++;
      for (const child of named(node)) this.visit(child, null);
      this.substitutionDepth--;
      return;
    }
    for (const child of named(node)) if (child.type !== 'command_name') this.visitNested(child);
  }

  private command(node: PlainNode, pipeline: ShellCommand['pipeline']): ShellCommand {
    const assignments: string[] = [];
    const args: ShellWord[] = [];
    const redirects: ShellRedirect[] = [];
    let name: ShellWord | null = null;
    for (const child of node.children) {
      if (child.type === 'variable_assignment') assignments.push(this.text.slice(child.start, child.end));
      else if (child.type.endsWith('_redirect')) {
        this.features.redirect = true;
        redirects.push(this.redirect(child));
      } else if (child.field === 'name') name = this.word(named(child)[0] ?? child);
      else if (child.field === 'argument') args.push(this.word(child));
    }
    return { name, args, assignments, redirects, start: node.start, end: node.end, pipeline, ...(this.substitutionDepth > 0 ? { nested: true } : {}) };
  }

  private redirect(node: PlainNode): ShellRedirect {
    const operator = node.children.find((c) => !c.named)?.type ?? '>';
    const target = node.children.find((c) => c.field === 'destination') ?? null;
    return { operator, target: target ? this.word(target) : null };
  }

  private word(node: PlainNode): ShellWord {
    return { text: this.text.slice(node.start, node.end), value: this.literalValue(node), start: node.start, end: node.end };
  }

  /** Quote removal for words that need no shell to evaluate; null when they do. */
  private literalValue(node: PlainNode): string | null {
    const text = this.text.slice(node.start, node.end);
    switch (node.type) {
      case 'word': {
        if (/^~/.test(text) || /(^|[^\\])[*?[]/.test(text)) {
          this.features.glob = true;
          return null;
        }
        return text.replace(/\\(.)/gs, '$1');
      }
      case 'number':
        return text;
      case 'raw_string':
        return text.slice(1, -1);
      case 'string': {
        let out = '';
        for (const child of named(node)) {
          if (child.type !== 'string_content') {
            this.features.expansion = true;
            return null;
          }
          out += this.text.slice(child.start, child.end).replace(/\\([$`"\\\n])/g, '$1');
        }
        return out;
      }
      case 'concatenation': {
        let out = '';
        for (const child of named(node)) {
          const part = this.literalValue(child);
          if (part === null) return null;
          out += part;
        }
        return out;
      }
      default:
        if (EXPANSIONS.has(node.type)) this.features.expansion = true;
        return null;
    }
  }
}

/** Where `exec ` can be inserted so the last command replaces the shell (`a && exec b`). */
function findExecInsertOffset(statements: PlainNode[]): number | null {
  if (statements.length === 0) return null;
  const last = statements[statements.length - 1];
  if (statements.length > 1 && last.type === 'command') return commandStart(last);
  if (last.type === 'list') {
    const operator = last.children[last.children.length - 2];
    const right = last.children[last.children.length - 1];
    if (operator?.type === '&&' && right?.type === 'command') return commandStart(right);
  }
  return null;
}

function commandStart(command: PlainNode): number | null {
  const name = command.children.find((c) => c.field === 'name');
  if (!name) return null;
  // `FOO=1 cmd`: exec would have to go after the assignments; leave those alone.
  if (command.children.some((c) => c.type === 'variable_assignment')) return null;
  return name.start;
}
