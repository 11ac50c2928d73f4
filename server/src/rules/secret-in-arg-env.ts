import { Arg, Env, type Instruction, type Property } from 'dockerfile-ast';
import { indexInStage, stageOf, type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { keywordOf } from '../engine/dockerfile/instructions';
import { lineage } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';
import { declarationsOf, secretMountFix, stepsSeeing, variableIndex } from '../engine/edits/secretMount';
import { isPlainSetting, isSecretName } from '../engine/knowledge/secrets';

export default defineRule({
  meta: {
    id: 'secret-in-arg-env',
    group: 'secrets',
    description: 'Secrets must not be passed through ARG or ENV, where they end up in the image or its history.',
    severity: 'error',
    messages: {
      env: 'ENV {{name}} stores a secret in the image: anyone who can pull it reads the value with "docker inspect". Provide it at run time instead.',
      envBuildStage: "ENV {{name}} writes a secret into the Dockerfile: it is in the repository and in this build stage's cache, though not in the shipped image. Pass it with a secret mount instead.",
      argDefault: 'ARG {{name}} has a secret written as its default: it is in the repository and in the image history.',
      argDefaultUnused: 'ARG {{name}} has a secret written as its default: it is in the repository. No step uses it, so it can simply go.',
      argUsed: 'ARG {{name}} passes a secret as a build argument: its value is recorded in the image history ("docker history") for every RUN after it.',
      argDeclared:
        'ARG {{name}} asks for a secret as a build argument; nothing here uses it, so it can go. To give a build step a secret, use a secret mount (RUN --mount=type=secret), which leaves no trace in the image.',
    },
    applicability: ['suggestion'],
    roles: { test: 'info' },
    severityNote: 'warning for a build argument without default',
    peers: { hadolint: ['DL3064'], trivy: ['DS-0031', 'AVD-DS-0031'], buildkit: ['SecretsUsedInArgOrEnv'] },
  },
  check({ model, report }) {
    for (const instruction of model.ast.getInstructions()) {
      const isEnv = instruction instanceof Env;
      if (!isEnv && !(instruction instanceof Arg)) continue;
      for (const property of (instruction as Arg | Env).getProperties()) {
        const name = property.getName();
        if (!isSecretName(name)) continue;
        const value = property.getValue();
        const range = property.getNameRange();
        if (isEnv) {
          if (value === null || isPlainSetting(value)) continue;
          // A stage whose layers do not ship (documenso's installer stage): `docker inspect` of the
          // image shows nothing. Its ENV NAME="$NAME" only passes on the build argument, whose own
          // finding says it once.
          const ships = shippedStages(model).has(stageOf(model, instruction)!);
          if (!ships && /^["']?\$\{?\w+\}?["']?$/.test(value.trim())) continue;
          if (!ships) {
            report({ messageId: 'envBuildStage', data: { name }, range });
            continue;
          }
          const fix = usedOnlyByRuns(model, instruction, name) ? secretMountFix(model, name, declarationsOf(model, name, Env)) : null;
          report({ messageId: 'env', data: { name }, range, suggestions: fix ? [fix] : [] });
          continue;
        }
        if (value !== null && !isPlainSetting(value)) {
          const declarations = declarationsOf(model, name, Arg);
          const steps = stepsSeeing(model, name, declarations);
          const fix = secretMountFix(model, name, declarations, steps);
          // Build arguments reach the history only through the RUNs that see them.
          const unused = steps?.length === 0;
          report({ messageId: unused ? 'argDefaultUnused' : 'argDefault', data: { name }, range, suggestions: fix ? [fix] : [] });
        } else if (value === null && isUsedAfter(model, instruction, property)) {
          const fix = secretMountFix(model, name, declarationsOf(model, name, Arg));
          report({ messageId: 'argUsed', data: { name }, range, severity: 'warning', suggestions: fix ? [fix] : [] });
        } else if (value === null) {
          // BuildKit's SecretsUsedInArgOrEnv and trivy report the name alone: it invites
          // `--build-arg TOKEN=…`. Nothing records it while nothing uses it: info.
          report({ messageId: 'argDeclared', data: { name }, range, severity: 'info' });
        }
      }
    }
  },
});

/** The final stage and the stages it builds on: their ENV is in the shipped image's config. */
function shippedStages(model: DockerfileModel): Set<Stage> {
  return new Set(model.finalStage ? lineage(model.finalStage) : []);
}

/** The stage an instruction is in, and the instructions after it there that refer to `name`. */
function laterUsers(model: DockerfileModel, declaration: Instruction, name: string): { stage: Stage; users: Instruction[] } | null {
  const stage = stageOf(model, declaration);
  if (!stage) return null;
  const at = indexInStage(stage, declaration);
  const users = (variableIndex(model).referencing.get(name) ?? []).filter((i) => i !== declaration && indexInStage(stage, i) > at);
  return { stage, users };
}

/**
 * A stage ARG without default matters once a later instruction of its stage names it, or a later
 * RUN runs at all: every RUN after the ARG gets the value as an environment variable (a script
 * can read it without naming it) and records it in the image history (BuildKit's
 * SecretsUsedInArgOrEnv reports the name alone).
 */
function isUsedAfter(model: DockerfileModel, declaration: Instruction, property: Property): boolean {
  const later = laterUsers(model, declaration, property.getName());
  if (!later) return false;
  const at = indexInStage(later.stage, declaration);
  return later.users.length > 0 || later.stage.instructions.some((i, index) => index > at && keywordOf(i) === 'RUN');
}

/** An ENV secret can move to a build secret only if nothing at run time could need it: no CMD or ENTRYPOINT reads it and no later stage inherits it. */
function usedOnlyByRuns(model: DockerfileModel, declaration: Instruction, name: string): boolean {
  const later = laterUsers(model, declaration, name);
  if (!later || later.stage !== model.finalStage) return false;
  const { stage, users } = later;
  return users.length > 0 && users.every((i) => keywordOf(i) === 'RUN') && !stage.instructions.some((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
}
