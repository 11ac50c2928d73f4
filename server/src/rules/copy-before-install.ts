import type { Instruction } from 'dockerfile-ast';
import { copyOperands } from '../engine/dockerfile/copySources';
import { deleteInstruction, insertLinesBefore } from '../engine/edits/edits';
import { indexInStage, type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { keywordOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { runScripts, type RunScript } from '../engine/dockerfile/runScripts';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';
import type { Fix } from '../engine/types';

interface Ecosystem {
  name: string;
  /** Files to copy first; a `*` marks an optional one (a glob that may match nothing). */
  manifests: string[];
  /** For tools that build rather than install: the RUN that fetches dependencies from the manifests alone. */
  prefetch?: string;
}

/** What a command installs dependencies for, or null. */
function ecosystemOf(command: ShellCommand): Ecosystem | null {
  const { program, args } = effectiveArgv(command);
  const words = args.map((a) => a.value ?? '');
  const sub = subcommandOf(args)?.value ?? '';
  switch (program) {
    case 'npm':
      // `npm install express` adds a package; only a bare install reads the manifest.
      if (sub === 'ci' || ((sub === 'install' || sub === 'i') && words.filter((w) => !w.startsWith('-')).length === 1)) return { name: 'npm', manifests: ['package.json', 'package-lock.json*'] };
      return null;
    case 'yarn':
      return sub === '' || sub === 'install' ? { name: 'yarn', manifests: ['package.json', 'yarn.lock*'] } : null;
    case 'pnpm':
      return sub === 'install' || sub === 'i' ? { name: 'pnpm', manifests: ['package.json', 'pnpm-lock.yaml*'] } : null;
    case 'pip':
    case 'pip3': {
      const r = words.findIndex((w) => w === '-r' || w === '--requirement');
      const file = r >= 0 ? words[r + 1] : words.find((w) => /^--requirement=|^-r.+/.test(w))?.replace(/^--requirement=|^-r/, '');
      return sub === 'install' && file && !file.includes('$') ? { name: 'pip', manifests: [file] } : null;
    }
    case 'poetry':
      return sub === 'install' ? { name: 'poetry', manifests: ['pyproject.toml', 'poetry.lock*'] } : null;
    case 'pipenv':
      return sub === 'install' ? { name: 'pipenv', manifests: ['Pipfile', 'Pipfile.lock*'] } : null;
    case 'uv':
      return sub === 'sync' ? { name: 'uv', manifests: ['pyproject.toml', 'uv.lock*'] } : null;
    case 'composer':
      return sub === 'install' ? { name: 'composer', manifests: ['composer.json', 'composer.lock*'] } : null;
    case 'bundle':
      return sub === 'install' || sub === '' ? { name: 'bundler', manifests: ['Gemfile', 'Gemfile.lock*'] } : null;
    case 'go':
      if (sub === 'mod' && words.includes('download')) return { name: 'go', manifests: ['go.mod', 'go.sum*'] };
      if (sub === 'build' || sub === 'install') return { name: 'go', manifests: ['go.mod', 'go.sum*'], prefetch: 'go mod download' };
      return null;
    case 'mvn':
    case 'mvnw':
      return words.some((w) => ['package', 'install', 'verify', 'compile'].includes(w)) ? { name: 'maven', manifests: ['pom.xml'], prefetch: 'mvn -B dependency:go-offline' } : null;
    case 'cargo':
      return sub === 'build' || sub === 'install' ? { name: 'cargo', manifests: [] } : null;
    default:
      return null;
  }
}

export default defineRule({
  meta: {
    id: 'copy-before-install',
    group: 'layer-cache',
    description: 'Copy dependency manifests and install dependencies before copying the rest of the source.',
    // Build time, not what ships: reviewers kept these findings only below warning (hedgedoc, homepage).
    severity: 'info',
    messages: {
      orderPnpmWorkspace:
        'The whole build context is copied before pnpm installs the workspace: every source change re-downloads all dependencies. A workspace install needs more than package.json and the lockfile (pnpm-workspace.yaml, each package\'s package.json, patches): copy pnpm-lock.yaml first and run "pnpm fetch", then copy the rest and install with --offline.',
      order:
        'The whole build context is copied before {{name}} dependencies are installed: every source change re-downloads all dependencies. Copy {{manifests}} first and install, then copy the rest.',
    },
    applicability: ['suggestion'],
  },
  check({ model, buildContext, report }) {
    for (const stage of model.stages) {
      // The first copy of the whole context, then the first dependency install after it: one
      // linear pass, reported once per stage.
      let index = -1;
      let destination = '';
      for (const [i, instruction] of stage.instructions.entries()) {
        if (!['COPY', 'ADD'].includes(keywordOf(instruction))) continue;
        const operands = copyOperands(model, stage, instruction);
        if (operands && !operands.fromStage && operands.sources.some((s) => ['.', './', '*'].includes(s.value))) {
          index = i;
          destination = operands.destination;
          break;
        }
      }
      if (index < 0) continue;
      const instruction = stage.instructions[index];
      for (const run of runScripts(model, stage)) {
        if (indexInStage(stage, run.instruction) <= index) continue;
        const ecosystem = run.script?.commands.map(ecosystemOf).find((e) => e !== null);
        if (!ecosystem) continue;
        // Already done right: a manifest was copied on its own before the whole context.
        if (manifestCopiedBefore(model, stage, index, ecosystem)) break;
        const manifests = ecosystem.manifests.map((m) => m.replace(/\*$/, ''));
        // Unleash's and docmost's pnpm workspaces: copying package.json and the lockfile alone
        // makes `pnpm install --frozen-lockfile` fail; pnpm's own recipe is `pnpm fetch`.
        if (ecosystem.name === 'pnpm' && buildContext?.entries.includes('pnpm-workspace.yaml')) {
          report({ messageId: 'orderPnpmWorkspace', range: instruction.getRange() });
          break;
        }
        report({
          messageId: 'order',
          data: { name: ecosystem.name, manifests: manifests.length > 0 ? manifests.join(' and ') : 'the manifests' },
          range: instruction.getRange(),
          suggestions: fixFor(model, stage, instruction, run, ecosystem, destination),
        });
        break;
      }
    }
  },
});

function manifestCopiedBefore(model: DockerfileModel, stage: Stage, index: number, ecosystem: Ecosystem): boolean {
  const first = ecosystem.manifests[0];
  if (!first) return stage.instructions.slice(0, index).some((i) => keywordOf(i) === 'COPY');
  return stage.instructions.slice(0, index).some((i) => {
    if (!['COPY', 'ADD'].includes(keywordOf(i))) return false;
    return copyOperands(model, stage, i)?.sources.some((s) => s.value.split('/').pop() === first || s.value.includes(first.split('.')[0])) ?? false;
  });
}

/**
 * Copies the manifests first and moves the install RUN above the full copy. Offered only when
 * the install directly follows the copy (or only ENV/ARG/LABEL lines sit between), so nothing
 * the install needs changes place.
 */
function fixFor(model: DockerfileModel, stage: Stage, copy: Instruction, run: RunScript, ecosystem: Ecosystem, destination: string): Fix[] {
  if (ecosystem.manifests.length === 0) return [];
  const between = stage.instructions.slice(indexInStage(stage, copy) + 1, indexInStage(stage, run.instruction));
  const dest = destination.endsWith('/') ? destination : destination === '.' ? './' : `${destination}/`;
  const copyLine = `COPY ${ecosystem.manifests.join(' ')} ${dest}`;
  if (ecosystem.prefetch) {
    return [{ title: `Copy ${ecosystem.manifests[0]} and download dependencies before the source`, edits: [insertLinesBefore(model, copy, [copyLine, `RUN ${ecosystem.prefetch}`])] }];
  }
  if (!between.every((i) => ['ENV', 'ARG', 'LABEL'].includes(keywordOf(i)))) return [];
  const runText = model.source.slice(run.instruction.getRange());
  return [
    {
      title: `Copy ${ecosystem.manifests[0]} and install before copying the source`,
      edits: [insertLinesBefore(model, copy, [copyLine, ...runText.split(/\r?\n/)]), deleteInstruction(model, run.instruction)],
    },
  ];
}
