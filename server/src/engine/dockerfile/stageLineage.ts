/**
 * What a stage inherits through `FROM <stage>`: its lineage, the external image at its root,
 * the last instruction of a kind (HEALTHCHECK, USER…), the SHELL in force and the ENTRYPOINT
 * and CMD its image ends up with. Per-stage tables are built oldest ancestor first.
 */
import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import { keywordOf } from './instructions';
import type { BaseImage, Stage } from './model';

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

/** The SHELL in force after each instruction of a stage (own SHELLs, else the parent's), in one pass. */
const shellCache = new WeakMap<Stage, { before: Map<Instruction, string[] | null>; final: string[] | null }>();

function shellTable(stage: Stage): { before: Map<Instruction, string[] | null>; final: string[] | null } {
  return ancestorsFirst(stage, shellCache, (stage) => {
    let current: string[] | null = stage.parent && stage.parent !== stage ? (shellCache.get(stage.parent)?.final ?? null) : null;
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
  const shell = before ? (table.before.get(before) ?? null) : table.final;
  return shell ?? (windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c']);
}

/** True for POSIX shells whose `-c` body tree-sitter-bash can read. */
export function isPosixShell(shell: string[]): boolean {
  const program = (shell[0] ?? '').split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox'].includes(program.replace(/\.exe$/, ''));
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
