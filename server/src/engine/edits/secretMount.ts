/**
 * The rewrite from a secret build argument to a BuildKit secret mount:
 *
 *   ARG NPM_TOKEN          →   # Build with: docker build --secret id=npm_token,env=NPM_TOKEN .
 *   RUN npm ci                 RUN --mount=type=secret,id=npm_token export NPM_TOKEN="$(cat /run/secrets/npm_token)" && npm ci
 *
 * The value then exists only while that RUN runs: not in a layer, the image config or
 * `docker history`. The variable is exported from the mounted file rather than with the mount's
 * `env=` option: that needs Dockerfile syntax 1.10 (a frontend pulled from Docker Hub) and
 * buildah and podman reject it, while the file form builds everywhere.
 */
import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { deleteInstruction, insertLinesBefore } from './edits';
import { shellBodyStart } from './shellEdits';
import { indexInStage, stageOf, type DockerfileModel, type Stage } from '../dockerfile/model';
import { argumentsOf, keywordOf, referencedVariables } from '../dockerfile/instructions';
import { instructionText } from '../dockerfile/instructionBody';
import { secretId } from '../knowledge/secrets';
import { secretMountMode } from '../dockerfile/stepUser';
import type { Fix, TextEdit } from '../types';

const MAX_MOUNTED_RUNS = 50;

const runLists = new WeakMap<Stage, { index: number; instruction: Instruction }[]>();

/** A stage's RUN instructions with their positions, read once. */
function runsOf(stage: Stage): { index: number; instruction: Instruction }[] {
  let runs = runLists.get(stage);
  if (!runs) {
    runs = stage.instructions.flatMap((instruction, index) => (keywordOf(instruction) === 'RUN' ? [{ index, instruction }] : []));
    runLists.set(stage, runs);
  }
  return runs;
}

export function secretMountFix(model: DockerfileModel, name: string, declarations: Instruction[], users = stepsSeeing(model, name, declarations)): Fix | null {
  // A declaration that also declares other variables cannot simply be deleted.
  if (declarations.some((d) => argumentsOf(d).length !== 1)) return null;
  // A fix that rewrites more RUNs than anyone would review in one click is not offered (and each
  // finding carrying thousands of edits made a file of 10,000 secret ARGs run out of memory).
  if (users === null || users.length > MAX_MOUNTED_RUNS) return null;
  const id = secretId(name);
  const edits: TextEdit[] = declarations.map((d) => deleteInstruction(model, d));
  for (const run of users) {
    const at = run.getInstructionRange().end;
    const readable = secretMountMode(stageOf(model, run), run);
    edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id}${readable}` });
    const body = shellBodyStart(run)!;
    edits.push({ range: { start: body, end: body }, newText: `export ${name}="$(cat /run/secrets/${id})" && ` });
  }
  if (users.length > 0) edits.push(insertLinesBefore(model, users[0], [`# Build with: docker build --secret id=${id},env=${name} .`]));
  return {
    title: users.length > 0 ? `Pass ${name} as a build secret (--mount=type=secret) instead` : `Remove ${name}: nothing uses it`,
    edits,
  };
}

/**
 * The RUN steps that see the variable (empty: no step does, so its value reaches no layer and no
 * history entry), or null when something other than a shell RUN refers to it (ENV, a label,
 * FROM, an exec-form or heredoc RUN): then no mechanical rewrite is right. Beyond the cap of
 * mounted RUNs the list stops growing.
 */
export function stepsSeeing(model: DockerfileModel, name: string, declarations: Instruction[]): Instruction[] | null {
  const users: Instruction[] = [];
  for (const instruction of variableIndex(model).referencing.get(name) ?? []) {
    if (declarations.includes(instruction)) continue;
    const keyword = keywordOf(instruction);
    // Copying the secret into ENV or a label would bake it anyway: no mechanical fix.
    if (keyword !== 'RUN') return null;
    // An exec-form or heredoc body has no shell line to export the variable in front of.
    if (!shellBodyStart(instruction)) return null;
    users.push(instruction);
  }
  // ARG values are environment variables during RUN: a tool can read one without the text naming
  // it (npm expands ${NPM_TOKEN} inside .npmrc). With no explicit use, every later RUN of a stage
  // that declares it gets the mount.
  if (users.length === 0) {
    for (const declaration of declarations) {
      const stage = stageOf(model, declaration);
      if (!stage || users.length > MAX_MOUNTED_RUNS) continue;
      const runs = runsOf(stage);
      // The RUNs after the declaration: a binary search, then at most the cap's worth copied.
      const at = indexInStage(stage, declaration);
      let low = 0;
      let high = runs.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (runs[mid].index > at) high = mid;
        else low = mid + 1;
      }
      for (let i = low; i < runs.length && users.length <= MAX_MOUNTED_RUNS; i++) if (!users.includes(runs[i].instruction)) users.push(runs[i].instruction);
      if (users.some((run) => !shellBodyStart(run))) return null;
    }
  }
  return users;
}

/** Every ARG (global and per stage) or ENV instruction that declares `name`. */
export function declarationsOf(model: DockerfileModel, name: string, kind: typeof Arg | typeof Env): Instruction[] {
  return (variableIndex(model).declaring.get(name) ?? []).filter((instruction) => instruction instanceof kind);
}

export interface VariableIndex {
  /** Instructions whose text refers to a variable, by its name, in document order. */
  referencing: Map<string, Instruction[]>;
  /** ARG and ENV instructions that declare a variable, by its name, in document order. */
  declaring: Map<string, Instruction[]>;
}

const indexes = new WeakMap<DockerfileModel, VariableIndex>();

/**
 * Who refers to and who declares each variable, read once per model: asked per secret name over
 * the whole file, it cost a pass per name (10,000 secret ARGs took over a minute).
 */
export function variableIndex(model: DockerfileModel): VariableIndex {
  let index = indexes.get(model);
  if (!index) {
    index = { referencing: new Map(), declaring: new Map() };
    const add = (map: Map<string, Instruction[]>, name: string, instruction: Instruction) => {
      const list = map.get(name);
      if (!list) map.set(name, [instruction]);
      else if (list[list.length - 1] !== instruction) list.push(instruction);
    };
    for (const instruction of model.ast.getInstructions()) {
      for (const name of referencedVariables(instructionText(model, instruction))) add(index.referencing, name, instruction);
      if (instruction instanceof Arg || instruction instanceof Env) for (const p of instruction.getProperties()) add(index.declaring, p.getName(), instruction);
    }
    indexes.set(model, index);
  }
  return index;
}
