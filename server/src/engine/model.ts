/**
 * The model rules work on: the parsed Dockerfile (dockerfile-ast) split into stages, with
 * each stage's base image resolved through global ARG defaults and its parent stage linked,
 * so rules can ask what a stage inherits (user, healthcheck, ports, shell, CMD).
 */
import { Arg, DockerfileParser, Env, From, JSONInstruction, type Argument, type Flag, type Instruction } from 'dockerfile-ast';
import './argumentMemo';
import { type DockerfileAst, type ParseCache } from './chunkedParse';
import { instructionBody } from './instructionBody';
import { parseImageRef, type ImageRef } from './imageRef';
import { SourceText } from './sourceText';
import type { Range } from './types';
import { substitute, type VariableLookup } from './variables';

export interface BaseImage {
  /** The image argument as written, e.g. `${BASE}` or `node:22`. */
  text: string;
  range: Range | null;
  /** After ARG substitution; null when a variable has no value anywhere in the file. */
  resolved: string | null;
  /** Global ARGs the reference went through. */
  viaArgs: string[];
  /** The parsed reference; null for `scratch`, stage references and unresolved text. */
  ref: ImageRef | null;
  isScratch: boolean;
}

export interface Stage {
  index: number;
  from: From;
  alias: string | null;
  base: BaseImage;
  /** The earlier stage this one starts from (`FROM build`), if any. */
  parent: Stage | null;
  /** The stage's instructions after its FROM, in order. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  source: SourceText;
  ast: DockerfileAst;
  escapeChar: string;
  /** ARGs before the first FROM: the only variables FROM lines can use. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  /** The stage `docker build` produces without `--target`: the last one. */
  finalStage: Stage | null;
}

/** The model of a Dockerfile; with a parse cache (the editor), unchanged stages are not parsed again. */
export function buildModel(text: string, parseCache?: ParseCache): DockerfileModel {
  const source = new SourceText(text);
  const ast = parseCache ? parseCache.parse(text) : DockerfileParser.parse(text);
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const byAlias = new Map<string, Stage>();
  let current: Stage | null = null;

  for (const instruction of ast.getInstructions()) {
    if (instruction instanceof From) {
      const { alias } = fromParts(instruction);
      const base = resolveBaseImage(instruction, globalArgs);
      const parentName = base.resolved?.toLowerCase();
      const parent = parentName !== undefined ? byAlias.get(parentName) ?? null : null;
      if (parent) base.ref = null;
      current = { index: stages.length, from: instruction, alias, base, parent, instructions: [] };
      stages.push(current);
      if (alias) byAlias.set(alias.toLowerCase(), current);
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction instanceof Arg) {
      const property = instruction.getProperty();
      if (property) globalArgs.set(property.getName(), property.getValue() ?? undefined);
    }
  }

  return {
    source,
    ast,
    escapeChar: ast.getEscapeCharacter(),
    globalArgs,
    stages,
    finalStage: stages.length > 0 ? stages[stages.length - 1] : null,
  };
}

const fromPartsCache = new WeakMap<From, { alias: string | null; text: string; range: Range | null }>();

/** A FROM's stage name and image text; kept per instruction (dockerfile-ast re-reads the arguments on each call). */
function fromParts(from: From): { alias: string | null; text: string; range: Range | null } {
  let parts = fromPartsCache.get(from);
  if (!parts) {
    parts = { alias: from.getBuildStage(), text: from.getImage() ?? '', range: from.getImageRange() };
    fromPartsCache.set(from, parts);
  }
  return parts;
}

function resolveBaseImage(from: From, globalArgs: Map<string, string | undefined>): BaseImage {
  const { text, range } = fromParts(from);
  const substitution = substitute(text, (name) => globalArgs.get(name));
  // Leftover `$` means syntax Docker would not expand either (template placeholders): unknown.
  const resolved = substitution.unresolved.length > 0 || substitution.value.includes('$') ? null : substitution.value;
  const isScratch = resolved?.toLowerCase() === 'scratch';
  const ref = resolved && !isScratch ? parseImageRef(resolved) : null;
  return { text, range, resolved, viaArgs: substitution.used, ref, isScratch };
}

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

/** The stage and its ancestors, nearest first. */
export function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.push(s);
  }
  return chain;
}

const rootCache = new WeakMap<Stage, BaseImage>();

/** The external image at the root of a stage's lineage (or scratch); remembered, as every stage asks. */
export function rootBase(stage: Stage): BaseImage {
  const cached = rootCache.get(stage);
  if (cached) return cached;
  // Up to the root or to a stage whose root is known, then the same answer for every stage passed.
  const passed: Stage[] = [];
  const seen = new Set<Stage>();
  let s: Stage = stage;
  let root: BaseImage | undefined;
  for (;;) {
    passed.push(s);
    seen.add(s);
    root = s.parent ? rootCache.get(s.parent) : undefined;
    if (root || !s.parent || seen.has(s.parent)) break;
    s = s.parent;
  }
  root ??= s.base;
  for (const p of passed) rootCache.set(p, root);
  return root;
}

/**
 * Builds a per-stage table for a stage's ancestors oldest first, then for the stage, so each one
 * reads its parent's finished table: no recursion along a chain of 10,000 `FROM <stage>`.
 */
export function ancestorsFirst<T>(stage: Stage, cache: WeakMap<Stage, T>, build: (stage: Stage) => T): T {
  const cached = cache.get(stage);
  if (cached) return cached;
  // The uncached part of the lineage only: a parent whose table is built ends the walk.
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
    if (s.parent && cache.has(s.parent)) break;
  }
  let table!: T;
  for (const s of chain) {
    const existing = cache.get(s);
    if (existing) table = existing;
    else {
      table = build(s);
      cache.set(s, table);
    }
  }
  return table;
}

/**
 * The last instruction with one of the keywords in the stage, or inherited from its
 * parent stages, as Docker's image config carries it across `FROM <stage>`.
 */
export function effectiveInstruction(stage: Stage, keyword: string): { instruction: Instruction; stage: Stage } | null {
  for (const s of lineage(stage)) {
    for (let i = s.instructions.length - 1; i >= 0; i--) {
      if (keywordOf(s.instructions[i]) === keyword) return { instruction: s.instructions[i], stage: s };
    }
  }
  return null;
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => keywordOf(i) === keyword);
}

/**
 * Variables visible to an instruction of a stage: ENV inherited from parent stages, then the
 * stage's own ARG (with the global default when re-declared without one) and ENV, in order.
 */
export function variablesAt(model: DockerfileModel, stage: Stage, before: Instruction): VariableLookup {
  const values = new Map<string, string | undefined>();
  const chain = lineage(stage).reverse();
  for (const s of chain) {
    for (const instruction of s.instructions) {
      if (s === stage && instruction === before) break;
      if (instruction instanceof Env) {
        for (const property of instruction.getProperties()) values.set(property.getName(), property.getValue() ?? '');
      } else if (instruction instanceof Arg && s === stage) {
        const property = instruction.getProperty();
        if (!property) continue;
        const name = property.getName();
        const value = property.getValue();
        values.set(name, value ?? model.globalArgs.get(name) ?? values.get(name));
      }
    }
  }
  return (name) => values.get(name);
}

/** The SHELL in force after each instruction of a stage (own SHELLs, else the parent's), in one pass. */
const shellCache = new WeakMap<Stage, { before: Map<Instruction, string[] | null>; final: string[] | null }>();

function shellTable(stage: Stage): { before: Map<Instruction, string[] | null>; final: string[] | null } {
  return ancestorsFirst(stage, shellCache, (stage) => {
    let current: string[] | null = stage.parent && stage.parent !== stage ? shellCache.get(stage.parent)?.final ?? null : null;
    const before = new Map<Instruction, string[] | null>();
    for (const instruction of stage.instructions) {
      before.set(instruction, current);
      if (keywordOf(instruction) === 'SHELL' && instruction instanceof JSONInstruction) {
        const shell = instruction.getJSONStrings().map((j) => j.getJSONValue());
        if (shell.length > 0) current = shell;
      }
    }
    return { before, final: current };
  });
}

/**
 * The shell that runs shell-form instructions at a point in a stage: the last SHELL before
 * it (inherited across stages), else Docker's default for the platform.
 */
export function shellAt(stage: Stage, before: Instruction | null, windows: boolean): string[] {
  const table = shellTable(stage);
  const shell = before ? table.before.get(before) ?? null : table.final;
  return shell ?? (windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c']);
}

/** True for POSIX shells whose `-c` body tree-sitter-bash can read. */
export function isPosixShell(shell: string[]): boolean {
  const program = (shell[0] ?? '').split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox'].includes(program.replace(/\.exe$/, ''));
}

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

export interface ContainerCommand {
  entrypoint: { instruction: Instruction; stage: Stage } | null;
  cmd: { instruction: Instruction; stage: Stage } | null;
}

/**
 * The ENTRYPOINT and CMD a stage's image ends up with. Docker clears an inherited CMD when a
 * stage sets ENTRYPOINT without setting CMD itself, so a parent's CMD does not always survive.
 */
export function containerCommand(stage: Stage): ContainerCommand {
  let entrypoint: ContainerCommand['entrypoint'] = null;
  let cmd: ContainerCommand['cmd'] = null;
  let cmdCleared = false;
  for (const s of lineage(stage)) {
    const ownEntrypoint = lastOf(s, 'ENTRYPOINT');
    const ownCmd = lastOf(s, 'CMD');
    if (!entrypoint && ownEntrypoint) entrypoint = { instruction: ownEntrypoint, stage: s };
    if (!cmd && !cmdCleared && ownCmd) cmd = { instruction: ownCmd, stage: s };
    if (ownEntrypoint && !ownCmd) cmdCleared = true;
  }
  return { entrypoint, cmd };
}

function lastOf(stage: Stage, keyword: string): Instruction | null {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    if (keywordOf(stage.instructions[i]) === keyword) return stage.instructions[i];
  }
  return null;
}

/** The WORKDIR in force before each instruction of a stage, in one pass with variables resolved. */
const workdirCache = new WeakMap<Stage, { before: Map<Instruction, string>; final: string }>();

function workdirTable(model: DockerfileModel, stage: Stage): { before: Map<Instruction, string>; final: string } {
  return ancestorsFirst(stage, workdirCache, (stage) => {
    let dir = stage.parent && stage.parent !== stage ? workdirCache.get(stage.parent)?.final ?? '/' : '/';
    const values = new Map<string, string | undefined>();
    const before = new Map<Instruction, string>();
    for (const instruction of stage.instructions) {
      before.set(instruction, dir);
      if (instruction instanceof Env) {
        for (const property of instruction.getProperties()) values.set(property.getName(), property.getValue() ?? '');
      } else if (instruction instanceof Arg) {
        const property = instruction.getProperty();
        if (property) values.set(property.getName(), property.getValue() ?? model.globalArgs.get(property.getName()));
      } else if (keywordOf(instruction) === 'WORKDIR') {
        const { value, unresolved } = substitute(argumentsText(model, instruction).trim(), (name) => values.get(name), model.escapeChar);
        if (unresolved.length === 0 && value !== '') dir = value.startsWith('/') ? value : `${dir.replace(/\/$/, '')}/${value}`;
      }
    }
    return { before, final: dir };
  });
}

/** The working directory an instruction runs in (null: after the stage's last instruction). */
export function workdirAt(model: DockerfileModel, stage: Stage, before: Instruction | null): string {
  const table = workdirTable(model, stage);
  return before ? table.before.get(before) ?? table.final : table.final;
}

const stageIndexes = new WeakMap<DockerfileModel, Map<Instruction, Stage>>();

/** The stage an instruction is in (none for global ARGs), without a search through every stage. */
export function stageOf(model: DockerfileModel, instruction: Instruction): Stage | undefined {
  let index = stageIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const stage of model.stages) for (const i of stage.instructions) index.set(i, stage);
    stageIndexes.set(model, index);
  }
  return index.get(instruction);
}

const indexCache = new WeakMap<Stage, Map<Instruction, number>>();

/** The position of an instruction in its stage, without a linear search. */
export function indexInStage(stage: Stage, instruction: Instruction): number {
  let index = indexCache.get(stage);
  if (!index) {
    index = new Map(stage.instructions.map((i, n) => [i, n]));
    indexCache.set(stage, index);
  }
  return index.get(instruction) ?? -1;
}

/** Variable names an instruction's text refers to (`$NAME`, `${NAME}`, `${NAME:-x}`). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return names;
}
