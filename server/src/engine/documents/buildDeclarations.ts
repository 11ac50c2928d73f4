/**
 * Which build context a Dockerfile is built with, as the files around it declare: compose
 * `build:` (string or `context`/`dockerfile`), GitHub's docker/build-push-action `context`/`file`,
 * and `docker build -f <file> <context>` (also buildx, podman, nerdctl, buildah) in CI scripts.
 * Pure: paths come out relative to the declaring file's base folder (compose: its folder; CI: the
 * repository root), normalised with forward slashes; the caller resolves them on disk.
 */
import { isMap, isSeq, type Pair } from 'yaml';
import { effectiveArgv, subcommandOf } from '../../shell/commands';
import { parseShell, type ShellCommand } from '../../shell/parser';
import { githubSteps } from '../ci/github';
import { gitlabScriptText, isGitlabJob } from '../ci/gitlab';
import { replaceGithubExpressions } from '../ci/step';
import { yamlGet, yamlText, type DocumentModel } from './documentModel';
import { interpolateCompose } from '../dockerfile/variables';

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
}

/** A compose service's `healthcheck:`, as the HEALTHCHECK instruction would say it. */
export interface ServiceHealthcheck {
  /** Exec form (`["curl", "-f", …]`) or a shell command line. */
  test: { exec: string[] } | { shell: string };
  /** Durations as compose writes them (`30s`, `1m30s`), which HEALTHCHECK's flags accept too. */
  interval?: string;
  timeout?: string;
  startPeriod?: string;
  retries?: number;
  /** The compose file's name, filled in by whoever read it. */
  declaredIn?: string;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** A service's health check, when it has a test compose would run (not NONE, not disabled). */
function serviceHealthcheck(service: unknown): ServiceHealthcheck | undefined {
  const healthcheck = yamlGet(service, 'healthcheck');
  if (!isMap(healthcheck) || yamlText(yamlGet(healthcheck, 'disable')) === 'true') return undefined;
  const test = yamlGet(healthcheck, 'test');
  // Compose turns `$$` into `$` and fills `${VAR}` from the environment, which is not known here.
  const text = (node: unknown): string | null => {
    const raw = yamlText(node);
    if (raw === null || /[\r\n]/.test(raw)) return null;
    return interpolate(raw);
  };
  let form: ServiceHealthcheck['test'] | null = null;
  if (isSeq(test)) {
    const words = test.items.map(text);
    if (words.some((w) => w === null) || words.length < 2) return undefined;
    const [kind, ...rest] = words as string[];
    if (kind === 'CMD') form = { exec: rest };
    else if (kind === 'CMD-SHELL' && rest.length === 1) form = { shell: rest[0] };
  } else {
    const line = text(test);
    if (line && line !== 'NONE') form = { shell: line };
  }
  if (!form) return undefined;
  const duration = (key: string) => {
    const value = text(yamlGet(healthcheck, key));
    return value && DURATION.test(value) ? value : undefined;
  };
  const retries = Number(text(yamlGet(healthcheck, 'retries')) ?? NaN);
  return {
    test: form,
    interval: duration('interval'),
    timeout: duration('timeout'),
    startPeriod: duration('start_period'),
    retries: Number.isInteger(retries) && retries > 0 ? retries : undefined,
  };
}

/** Compose interpolation: defaults are taken; a path that needs the environment is unknown (null). */
function interpolate(text: string): string | null {
  const { value, unresolved } = interpolateCompose(text);
  return unresolved.length > 0 ? null : value;
}

/** Joins relative paths the POSIX way, folding `.` and `..`; null for absolute or remote paths. */
export function joinRelative(...parts: string[]): string | null {
  const out: string[] = [];
  for (const part of parts) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(part) || part.startsWith('git@')) return null;
    if (part.startsWith('/')) out.length = 0;
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
        else out.pop();
      } else out.push(segment);
    }
  }
  return out.length === 0 ? '.' : out.join('/');
}

export function composeBuilds(document: DocumentModel): BuildDeclaration[] {
  const services = yamlGet(document.yaml?.contents, 'services');
  if (!isMap(services)) return [];
  const found: BuildDeclaration[] = [];
  for (const pair of services.items as Pair<unknown, unknown>[]) {
    const build = yamlGet(pair.value, 'build');
    if (!build) continue;
    const rawContext = isMap(build) ? (yamlText(yamlGet(build, 'context')) ?? '.') : yamlText(build);
    const rawFile = isMap(build) ? (yamlText(yamlGet(build, 'dockerfile')) ?? 'Dockerfile') : 'Dockerfile';
    const context = rawContext === null ? null : interpolate(rawContext);
    const file = interpolate(rawFile);
    if (context === null || file === null) continue;
    const contextPath = joinRelative(context);
    // Compose reads `dockerfile` relative to the context.
    const dockerfile = contextPath === null ? null : joinRelative(contextPath, file);
    const healthcheck = serviceHealthcheck(pair.value);
    const service = yamlText(pair.key);
    const target = isMap(build) ? yamlText(yamlGet(build, 'target')) : null;
    const image = yamlText(yamlGet(pair.value, 'image'));
    if (contextPath !== null && dockerfile !== null)
      found.push({
        dockerfile,
        context: contextPath,
        ...(healthcheck ? { healthcheck } : {}),
        ...(service ? { service } : {}),
        ...(target ? { target: interpolate(target) ?? undefined } : {}),
        ...(image ? { image: interpolate(image) ?? undefined } : {}),
      });
  }
  return found;
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
