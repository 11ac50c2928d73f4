/**
 * Which build context a Dockerfile is built with, as the files around it declare: compose
 * `build:` (string or `context`/`dockerfile`), GitHub's docker/build-push-action `context`/`file`,
 * and `docker build -f <file> <context>` (also buildx, podman, nerdctl, buildah) in CI scripts.
 * Pure: paths come out relative to the declaring file's base folder (compose: its folder; CI: the
 * repository root), normalised with forward slashes; the caller resolves them on disk.
 */
import { isMap, type Pair } from 'yaml';
import { effectiveArgv, subcommandOf } from '../../shell/commands';
import { parseShell, type ShellCommand } from '../../shell/parser';
import { githubSteps } from '../ci/github';
import { gitlabScriptText, isGitlabJob } from '../ci/gitlab';
import { replaceGithubExpressions } from '../ci/step';
import { yamlGet, yamlText, type DocumentModel } from './documentModel';
import { composeBuilds, type ServiceHealthcheck } from './composeBuilds';
import { joinRelative } from './relativePaths';

export interface BuildDeclaration {
  /** The Dockerfile, relative to the base folder. */
  dockerfile: string;
  /** The build context folder, relative to the base folder. */
  context: string;
  /** The health check compose gives the service built from it, if any. */
  healthcheck?: ServiceHealthcheck;
  /** The compose service that builds it. */
  service?: string;
  /** The stage built (`target:`, `--target`); absent: the final stage. */
  target?: string;
  /** The image name it is tagged with (compose `image:`, `-t`, build-push-action's `tags`), when one is written out. */
  image?: string;
  /** The build pushes what it builds (`push: true`, `--push`, a `docker push` of its tag in the same script). */
  pushes?: boolean;
  /**
   * Compose services of the same file that run this image with different commands (redash's
   * `server`, `worker` and `scheduler`): one image, several programs. Absent when one command.
   */
  servicesWithOwnCommands?: string[];
}

/** Options of `docker build` and its relatives that take a value (the next word). */
const VALUE_OPTIONS = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--build-arg',
  '--target',
  '--platform',
  '--label',
  '--cache-from',
  '--cache-to',
  '--secret',
  '--ssh',
  '--network',
  '--iidfile',
  '-o',
  '--output',
  '--progress',
  '--builder',
  '--add-host',
  '--build-context',
  '--metadata-file',
  '--shm-size',
  '--ulimit',
  '-m',
  '--memory',
  '--memory-swap',
  '--cgroup-parent',
  '--cpu-shares',
  '--cpu-period',
  '--cpu-quota',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--isolation',
  '--attest',
  '--annotation',
  '--allow',
  '--call',
  '--sbom',
  '--provenance',
  '--format',
  '--layers',
  '--squash-all',
  '--authfile',
  '--creds',
  '--volume',
  '-v',
  '--env',
  '--manifest',
  '--arch',
  '--os',
  '--variant',
]);

/** The builds a shell script runs: `docker build [-f file] <context>` and relatives. */
export function scriptBuilds(text: string, workingDirectory = '.'): BuildDeclaration[] {
  const found: BuildDeclaration[] = [];
  const script = parseShell(replaceGithubExpressions(text));
  for (const command of script.commands) {
    const { program, args } = effectiveArgv(command);
    const words = args.map((a) => a.value);
    const sub = subcommandOf(args)?.value ?? '';
    let start: number;
    if (program === 'docker' || program === 'podman' || program === 'nerdctl') {
      const verbAt = sub === 'buildx' || sub === 'image' ? words.indexOf(sub) + 1 : words.indexOf(sub);
      if (words[verbAt] !== 'build') continue;
      start = verbAt + 1;
    } else if (program === 'buildah' && (sub === 'bud' || sub === 'build')) {
      start = words.indexOf(sub) + 1;
    } else if (program === 'executor' || program === 'kaniko') {
      found.push(...kanikoBuild(words, workingDirectory));
      continue;
    } else continue;
    let file: string | null = null;
    let target: string | null = null;
    let tag: string | null = null;
    let pushes = false;
    const operands: (string | null)[] = [];
    for (let i = start; i < words.length; i++) {
      const word = words[i];
      if (word === null) {
        operands.push(null);
        continue;
      }
      const inline = /^(-f|--file|-t|--tag|--target)=(.*)$/.exec(word);
      const option = inline ? inline[1] : word;
      const value = inline ? inline[2] : VALUE_OPTIONS.has(word) ? (words[++i] ?? null) : null;
      if (option === '-f' || option === '--file') file = value;
      else if (option === '--target') target = value;
      else if ((option === '-t' || option === '--tag') && tag === null) tag = value;
      else if (word === '--push' || /^--output=.*push=true/.test(word)) pushes = true;
      else if (!inline && !VALUE_OPTIONS.has(word) && !word.startsWith('-')) operands.push(word);
    }
    const context = operands[operands.length - 1];
    // A context we cannot read (a variable, `-` for stdin, a URL) declares nothing.
    if (!context || context === '-' || /GH_EXPR|\$/.test(context) || (file !== null && /GH_EXPR|\$/.test(file))) continue;
    const contextPath = joinRelative(workingDirectory, context);
    if (contextPath === null) continue;
    // `-f` is relative to the working directory, not to the context.
    const dockerfile = file === null ? joinRelative(contextPath, 'Dockerfile') : joinRelative(workingDirectory, file);
    const image = tag && !/GH_EXPR|\$/.test(tag) ? tag : undefined;
    if (image && pushedLater(script.commands, command, image)) pushes = true;
    if (dockerfile !== null) found.push({ dockerfile, context: contextPath, ...(target && !/GH_EXPR|\$/.test(target) ? { target } : {}), ...(image ? { image } : {}), ...(pushes ? { pushes } : {}) });
  }
  return found;
}

/** A later `docker push <image>` (or podman, buildah) in the same script. */
function pushedLater(commands: readonly ShellCommand[], build: ShellCommand, image: string): boolean {
  const after = commands.slice(commands.indexOf(build) + 1);
  return after.some((command) => {
    const { program, args } = effectiveArgv(command);
    const words = args.map((a) => a.value);
    return ['docker', 'podman', 'buildah', 'nerdctl'].includes(program ?? '') && words.includes('push') && words.includes(image);
  });
}

/** Kaniko's `--context` and `--dockerfile` (`dir://` prefixes allowed). */
function kanikoBuild(words: (string | null)[], workingDirectory: string): BuildDeclaration[] {
  const option = (name: string): string | null => {
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      if (word === `--${name}`) return words[i + 1] ?? null;
      if (word.startsWith(`--${name}=`)) return word.slice(name.length + 3);
    }
    return null;
  };
  const rawContext = (option('context') ?? '.').replace(/^dir:\/\//, '');
  const rawFile = option('dockerfile');
  if (/\$/.test(rawContext) || (rawFile !== null && /\$/.test(rawFile))) return [];
  const context = joinRelative(workingDirectory, rawContext);
  const dockerfile = context === null ? null : rawFile === null ? joinRelative(context, 'Dockerfile') : joinRelative(workingDirectory, rawFile);
  return context !== null && dockerfile !== null ? [{ dockerfile, context }] : [];
}

export function githubBuilds(document: DocumentModel): BuildDeclaration[] {
  const found: BuildDeclaration[] = [];
  for (const step of githubSteps(document)) {
    if (step.usesBuildPushAction) {
      const withs = yamlGet(step.node, 'with');
      const rawContext = yamlText(yamlGet(withs, 'context')) ?? '.';
      const rawFile = yamlText(yamlGet(withs, 'file'));
      if (/\$\{\{/.test(rawContext) || (rawFile && /\$\{\{/.test(rawFile))) continue;
      const context = joinRelative(rawContext);
      // `file` is relative to the repository root; by default it is <context>/Dockerfile.
      const dockerfile = context === null ? null : rawFile ? joinRelative(rawFile) : joinRelative(context, 'Dockerfile');
      const push = yamlText(yamlGet(withs, 'push'));
      const target = yamlText(yamlGet(withs, 'target'));
      const tag = (yamlText(yamlGet(withs, 'tags')) ?? '').split(/[\s,]+/)[0];
      if (context !== null && dockerfile !== null)
        found.push({
          dockerfile,
          context,
          // `push: ${{ github.event_name != 'pull_request' }}`: it pushes on the runs that release.
          ...(push !== null && push !== 'false' ? { pushes: true } : {}),
          ...(target && !/\$\{\{/.test(target) ? { target } : {}),
          ...(tag && !/\$\{\{/.test(tag) ? { image: tag } : {}),
        });
    }
    const run = yamlText(yamlGet(step.node, 'run'));
    const jobDirectory = yamlText(yamlGet(yamlGet(yamlGet(step.jobNode, 'defaults'), 'run'), 'working-directory')) ?? '.';
    if (run) found.push(...scriptBuilds(run, yamlText(yamlGet(step.node, 'working-directory')) ?? jobDirectory));
  }
  return found;
}

export function gitlabBuilds(document: DocumentModel): BuildDeclaration[] {
  const root = document.yaml?.contents;
  if (!isMap(root)) return [];
  const found: BuildDeclaration[] = [];
  for (const pair of root.items as Pair<unknown, unknown>[]) {
    if (!isGitlabJob(pair)) continue;
    // GitLab runs scripts in the project folder; $CI_PROJECT_DIR is that folder.
    found.push(...scriptBuilds(gitlabScriptText(pair.value).replace(/\$\{?CI_PROJECT_DIR\}?/g, '.')));
  }
  return found;
}

/**
 * A test on the text before it is parsed: every declaration read here needs a compose `build` key,
 * a build command (docker/podman/nerdctl `build`, buildx, `buildah`) or kaniko's `executor`, so a
 * file without these words declares nothing. Most compose files only name images, and parsing YAML
 * with positions is the slow part of finding a Dockerfile's context.
 */
export function mayDeclareBuilds(text: string): boolean {
  return /build|kaniko|executor/i.test(text);
}

export function buildDeclarations(document: DocumentModel): BuildDeclaration[] {
  switch (document.kind) {
    case 'compose':
      return composeBuilds(document);
    case 'github-workflow':
      return githubBuilds(document);
    case 'gitlab-ci':
      return gitlabBuilds(document);
    default:
      return [];
  }
}
