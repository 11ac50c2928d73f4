/**
 * The rewrite from a secret build argument to a BuildKit secret mount:
 *
 *   ARG NPM_TOKEN                      # syntax=docker/dockerfile:1
 *   RUN npm ci             →           # Build with: docker build --secret id=npm_token,env=NPM_TOKEN .
 *                                      RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
 *
 * The value then exists only while that RUN runs: not in a layer, the image config or
 * `docker history`. `env=` needs Dockerfile syntax 1.10+, hence the syntax directive.
 */
import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { deleteInstruction, insertLinesBefore } from './edits';
import { argumentsOf, keywordOf, referencedVariables, type DockerfileModel } from './model';
import { instructionText } from './instructionBody';
import { secretId } from './secrets';
import type { Fix, TextEdit } from './types';

export function secretMountFix(model: DockerfileModel, name: string, declarations: Instruction[]): Fix | null {
  // A declaration that also declares other variables cannot simply be deleted.
  if (declarations.some((d) => argumentsOf(d).length !== 1)) return null;
  const all = model.ast.getInstructions();
  const users: Instruction[] = [];
  for (const instruction of all) {
    if (declarations.includes(instruction)) continue;
    const keyword = keywordOf(instruction);
    if (!referencedVariables(instructionText(model, instruction)).has(name)) continue;
    // Copying the secret into ENV or a label would bake it anyway: no mechanical fix.
    if (keyword !== 'RUN') return null;
    users.push(instruction);
  }
  // ARG values are environment variables during RUN: a tool can read one without the text naming
  // it (npm expands ${NPM_TOKEN} inside .npmrc). With no explicit use, every later RUN of a stage
  // that declares it gets the mount.
  if (users.length === 0) {
    for (const stage of model.stages) {
      const declared = stage.instructions.findIndex((i) => declarations.includes(i));
      if (declared < 0) continue;
      users.push(...stage.instructions.slice(declared + 1).filter((i) => keywordOf(i) === 'RUN'));
    }
  }
  const id = secretId(name);
  const edits: TextEdit[] = declarations.map((d) => deleteInstruction(model, d));
  for (const run of users) {
    const at = run.getInstructionRange().end;
    edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id},env=${name}` });
  }
  if (users.length > 0) {
    edits.push(insertLinesBefore(model, users[0], [`# Build with: docker build --secret id=${id},env=${name} .`]));
    const hasSyntax = model.ast.getDirectives().some((d) => d.getName().toLowerCase() === 'syntax');
    if (!hasSyntax) edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# syntax=docker/dockerfile:1${model.source.eol}` });
  }
  return {
    title: users.length > 0 ? `Pass ${name} as a build secret (--mount=type=secret) instead` : `Remove ${name}: nothing uses it`,
    safe: false,
    edits,
  };
}

/** Every ARG (global and per stage) or ENV instruction that declares `name`. */
export function declarationsOf(model: DockerfileModel, name: string, kind: typeof Arg | typeof Env): Instruction[] {
  return model.ast.getInstructions().filter((instruction) => {
    if (!(instruction instanceof kind)) return false;
    return instruction.getProperties().some((p) => p.getName() === name);
  });
}
