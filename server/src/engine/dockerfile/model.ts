/**
 * The model rules work on: the parsed Dockerfile (dockerfile-ast) split into stages, with
 * each stage's base image resolved through global ARG defaults and its parent stage linked,
 * so rules can ask what a stage inherits (user, healthcheck, ports, shell, CMD: stageLineage.ts).
 * What one instruction says (keyword, flags, arguments) is in instructions.ts.
 */
import { Arg, DockerfileParser, From, type Instruction } from 'dockerfile-ast';
import { type DockerfileAst, type ParseCache } from './chunkedParse';
import { parseImageRef, type ImageRef } from '../knowledge/imageRef';
import { SourceText } from '../sourceText';
import type { Range } from '../types';
import { substitute } from './variables';

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
      const parent = parentName !== undefined ? (byAlias.get(parentName) ?? null) : null;
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
