import { Env, type Instruction } from 'dockerfile-ast';
import { deleteInstruction, insertLinesAfter, insertLinesBefore, toExecForm } from '../engine/edits/edits';
import { commandForm } from '../engine/dockerfile/execForm';
import { displayName } from '../engine/knowledge/imageRef';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { argumentsOf, keywordOf } from '../engine/dockerfile/instructions';
import { lineage } from '../engine/dockerfile/stageLineage';
import { workdirAt } from '../engine/dockerfile/stageVariables';
import { defineRule } from '../engine/rule';
import { runScripts } from '../engine/dockerfile/runScripts';
import type { Fix, TextEdit } from '../engine/types';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

/** A build step and the ecosystem it belongs to. */
interface BuildStep {
  ecosystem: 'go' | 'node' | 'rust' | 'java' | 'dotnet' | 'c';
  what: string;
  command: ShellCommand;
  instruction: Instruction;
}

const TOOLCHAIN_PACKAGES = /^(build-essential|build-base|gcc|g\+\+|clang|make|cmake|musl-dev|libc6?-dev|golang|openjdk-\d+-jdk|default-jdk|maven|gradle|rustc|cargo)$/;

/**
 * Images whose job is to build: keeping them as the final image ships the toolchain.
 * (buildpack-deps is left out on purpose: images built on it, such as the official full
 * language images, are build environments by design.)
 */
function toolchainImage(name: string, registryPath: string, tag: string): string | null {
  if (['golang', 'rust', 'maven', 'gradle', 'gcc'].includes(name)) return name;
  if (registryPath === 'dotnet/sdk') return '.NET SDK';
  if ((name === 'eclipse-temurin' || name === 'openjdk' || name === 'amazoncorretto') && !/jre/.test(tag)) return 'JDK';
  return null;
}

function buildStepOf(command: ShellCommand, instruction: Instruction): BuildStep | null {
  const { program, args } = effectiveArgv(command);
  const sub = subcommandOf(args)?.value ?? '';
  const words = args.map((a) => a.value ?? '');
  const step = (ecosystem: BuildStep['ecosystem'], what: string): BuildStep => ({ ecosystem, what, command, instruction });
  if (program === 'go' && (sub === 'build' || sub === 'install')) return step('go', `go ${sub}`);
  if (program === 'cargo' && (sub === 'build' || sub === 'install')) return step('rust', `cargo ${sub}`);
  if ((program === 'mvn' || program === 'mvnw') && words.some((w) => ['package', 'install', 'verify'].includes(w))) return step('java', 'mvn package');
  if ((program === 'gradle' || program === 'gradlew') && words.some((w) => /^(build|assemble|bootJar|installDist|jar|shadowJar)$/.test(w))) return step('java', 'gradle build');
  if (program === 'javac') return step('java', 'javac');
  if (program === 'dotnet' && (sub === 'publish' || sub === 'build')) return step('dotnet', `dotnet ${sub}`);
  if ((program === 'npm' || program === 'pnpm') && ((sub === 'run' && words[1] === 'build') || sub === 'build')) return step('node', `${program} run build`);
  if (program === 'yarn' && (sub === 'build' || (sub === 'run' && words[1] === 'build'))) return step('node', 'yarn build');
  if (program && ['gcc', 'g++', 'cc', 'clang', 'make', 'cmake'].includes(program)) return step('c', program);
  return null;
}

export default defineRule({
  meta: {
    id: 'toolchain-in-final-stage',
    group: 'multi-stage',
    description: 'The final image must not keep the toolchain it was built with.',
    severity: 'warning',
    messages: {
      toolchain: 'The final image builds with {{what}} and keeps {{toolchain}}: compilers and build tools ship to production. Build in a separate stage and copy only the result.',
    },
    applicability: ['suggestion'],
    roles: { base: 'off', build: 'off', test: 'off', dev: 'off', tool: 'off' },
    applicabilityNote: 'suggestion (Go, Node, Java)',
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const chain = lineage(stage);
    const steps: BuildStep[] = [];
    const toolchainPackages = new Set<string>();
    for (const s of chain) {
      for (const run of runScripts(model, s)) {
        const commands = run.script?.commands ?? [];
        for (const command of commands) {
          const step = buildStepOf(command, run.instruction);
          if (step) steps.push(step);
          const { program, args } = effectiveArgv(command);
          const sub = subcommandOf(args)?.value;
          if (((program === 'apt-get' || program === 'apt') && sub === 'install') || (program === 'apk' && sub === 'add') || (['yum', 'dnf'].includes(program ?? '') && sub === 'install')) {
            // `build-essential=12.9` (apt, apk) and `gcc@edge` name the same package as `build-essential`.
            for (const a of args) {
              const name = a.value?.replace(/[=@].*$/, '');
              if (name && TOOLCHAIN_PACKAGES.test(name)) toolchainPackages.add(name);
            }
          }
        }
        // Removed again in the same RUN (apt-get purge, apk del .build-deps): not kept.
        const removes = commands.some((c) => {
          const e = effectiveArgv(c);
          return (
            (e.program === 'apk' && e.args.some((a) => a.value === 'del')) ||
            ((e.program === 'apt-get' || e.program === 'apt') && e.args.some((a) => ['purge', 'remove', 'autoremove'].includes(a.value ?? '')))
          );
        });
        if (removes) toolchainPackages.clear();
      }
    }
    if (steps.length === 0) return;
    const base = chain[chain.length - 1].base;
    const image = base.ref ? toolchainImage(base.ref.name, base.ref.repository, base.ref.tag ?? '') : null;
    const nodeBuild = steps.find((s) => s.ecosystem === 'node');
    const toolchain = image ? `the ${image} image` : toolchainPackages.size > 0 ? [...toolchainPackages].join(', ') : nodeBuild ? 'the dev dependencies' : null;
    if (!toolchain) return;
    const fix = stage.parent ? null : splitFix(model, stage, steps);
    report({
      messageId: 'toolchain',
      data: { what: [...new Set(steps.map((s) => s.what))].slice(0, 2).join(' and '), toolchain },
      range: stage.from.getRange(),
      suggestions: fix ? [fix] : [],
    });
  },
});

/** Instructions that describe the running container, moved to the runtime stage. */
const RUNTIME_KEYWORDS = new Set(['EXPOSE', 'USER', 'ENTRYPOINT', 'CMD', 'HEALTHCHECK', 'VOLUME', 'STOPSIGNAL']);

/**
 * Splits the stage into a build stage and a runtime stage, for Go (static binary on scratch) and Node
 * (slim image with production dependencies). Other ecosystems get the finding without a fix.
 */
function splitFix(model: DockerfileModel, stage: Stage, steps: BuildStep[]): Fix | null {
  const ref = stage.base.ref;
  if (!ref) return null;
  const runtime = stage.instructions.filter((i) => RUNTIME_KEYWORDS.has(keywordOf(i)));
  const entrypoint = runtime.filter((i) => keywordOf(i) === 'ENTRYPOINT').pop();
  const cmd = runtime.filter((i) => keywordOf(i) === 'CMD').pop();
  const alias = stage.alias ?? 'build';
  const lines: string[] = [''];
  const edits: TextEdit[] = [];
  const go = steps.find((s) => s.ecosystem === 'go');
  const node = steps.find((s) => s.ecosystem === 'node');
  const java = steps.find((s) => s.ecosystem === 'java');

  if (ref.official && ref.name === 'golang' && go) {
    const out = outputPath(go.command);
    if (!out) return null;
    const absolute = out.startsWith('/') ? out : `${workdirAt(model, stage, go.instruction).replace(/\/$/, '')}/${out.replace(/^\.\//, '')}`;
    // distroless has no shell: shell-form commands would no longer start.
    if ([entrypoint, cmd].some((i) => i && commandForm(model, i).kind !== 'exec')) return null;
    // scratch needs a static binary; the CA bundle comes from the build image so HTTPS works.
    // (distroless would need a digest to be pinned, which needs the registry.)
    if (!/CGO_ENABLED=0/.test(model.source.text)) edits.push(insertLinesBefore(model, go.instruction, ['ENV CGO_ENABLED=0']));
    lines.push('FROM scratch', `COPY --from=${alias} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`, `COPY --from=${alias} ${absolute} ${absolute}`);
    const users = runtime.filter((i) => keywordOf(i) === 'USER');
    if (users.length === 0) lines.push('USER 65532:65532');
    // scratch has no user database: a USER given by name needs the build image's.
    else if (users.some((i) => argumentsOf(i).some((a) => !/^\d+(:\d+)?$/.test(a.getValue())))) lines.push(`COPY --from=${alias} /etc/passwd /etc/group /etc/`);
    if (!entrypoint && !cmd) lines.push(`ENTRYPOINT ${toExecForm([absolute])}`);
  } else if (ref.official && ref.name === 'node' && node) {
    const workdir = workdirAt(model, stage, null);
    if (workdir === '/') return null;
    const tag = ref.tag ?? '';
    const slim = /alpine|slim/.test(tag) ? tag : `${tag}-slim`;
    const prune = node.what.startsWith('yarn') ? 'yarn install --production --ignore-scripts --prefer-offline' : node.what.startsWith('pnpm') ? 'pnpm prune --prod' : 'npm prune --omit=dev';
    const envs = stage.instructions.filter((i) => i instanceof Env).map((i) => model.source.slice(i.getRange()));
    lines.push(`FROM ${alias} AS production-files`, `RUN ${prune}`, '', `FROM ${displayName(ref)}:${slim}`, `WORKDIR ${workdir}`, ...envs, `COPY --from=production-files ${workdir} ${workdir}`);
  } else if (java) {
    // (.NET's split is not offered: no .NET image can be built where the build suite runs, so
    // none would be proven; the docs page shows its shape.)
    const plan = javaRuntime(model, stage, ref.name, ref.tag ?? '', entrypoint, cmd);
    if (!plan) return null;
    const workdir = workdirAt(model, stage, null);
    lines.push(`FROM ${plan.image}`);
    if (workdir !== '/') lines.push(`WORKDIR ${workdir}`);
    lines.push(`COPY --from=${alias} ${plan.artifact} ${plan.artifact}`);
  } else {
    return null;
  }
  for (const instruction of runtime) lines.push(...model.source.slice(instruction.getRange()).split(/\r?\n/));

  if (!stage.alias) {
    const at = stage.from.getRange().end;
    edits.push({ range: { start: at, end: at }, newText: ` AS ${alias}` });
  }
  for (const instruction of runtime) edits.push(deleteInstruction(model, instruction));
  const last = [...stage.instructions].reverse().find((i) => !runtime.includes(i)) ?? stage.from;
  edits.push(insertLinesAfter(model, last, lines));
  const kind = ref.name === 'golang' ? 'scratch' : ref.name === 'node' ? 'slim' : 'JRE';
  return { title: `Split into a build stage and a ${kind} runtime stage`, edits };
}

/** The `-o` output of `go build`. */
function outputPath(command: ShellCommand): string | null {
  const words = command.args.map((a) => a.value);
  const index = words.indexOf('-o');
  const inline = words.find((w) => w?.startsWith('-o='));
  const value = index >= 0 ? words[index + 1] : inline?.slice(3);
  return value && !value.includes('$') ? value : null;
}

interface RuntimePlan {
  image: string;
  /** Absolute path of what the runtime stage copies from the build stage. */
  artifact: string;
}

function absoluteIn(model: DockerfileModel, stage: Stage, path: string, at: Instruction | null): string {
  return path.startsWith('/') ? path : `${workdirAt(model, stage, at).replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`;
}

/**
 * Java: the JRE of the exact JDK version the stage builds with (a floating JRE tag would trade
 * one finding for another), and the jar that `java -jar` runs.
 */
function javaRuntime(model: DockerfileModel, stage: Stage, name: string, tag: string, entrypoint: Instruction | undefined, cmd: Instruction | undefined): RuntimePlan | null {
  if (!['eclipse-temurin', 'sapmachine'].includes(name) || !/^\d+\.\d+\.\d+/.test(tag) || !/jdk/.test(tag)) return null;
  const argv = [entrypoint, cmd].flatMap((i) => {
    const form = i ? commandForm(model, i) : null;
    return form?.kind === 'exec' ? form.argv : [];
  });
  const jar = argv[argv.indexOf('-jar') + 1];
  if (argv.indexOf('-jar') < 0 || !jar || jar.includes('$') || jar.includes('*')) return null;
  return { image: `${name}:${tag.replace('jdk', 'jre')}`, artifact: absoluteIn(model, stage, jar, null) };
}
