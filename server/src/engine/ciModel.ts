/**
 * CI pipelines as lists of steps: GitHub Actions jobs and steps, GitLab CI jobs, and (best effort)
 * Azure Pipelines, CircleCI, Bitbucket Pipelines and Jenkinsfiles. Each step says
 * whether it builds or pushes an image, scans one, or signs one, read from `uses:` actions and
 * from `run:`/`script:` bodies parsed with the shell parser (not by substring).
 */
import { isMap, isPair, isSeq, YAMLMap, type Pair } from 'yaml';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import { parseShell } from '../shell/parser';
import { yamlGet, yamlText, type DocumentModel } from './documentModel';

export interface CiStep {
  /** The job (GitHub) or job name (GitLab). */
  job: string;
  jobNode: YAMLMap;
  /** The step's map (GitHub) or the job's map (GitLab). */
  node: YAMLMap;
  /** Where to report: the `uses`/`run`/`script` value. */
  anchor: { range?: [number, number, number] | null };
  builds: boolean;
  pushes: boolean;
  scans: boolean;
  signs: boolean;
  /** The image name the step builds or pushes, when it is written out. */
  image: string | null;
  /** The step's `id:` (GitHub), for `steps.<id>.outputs.digest`. */
  id: string | null;
  usesBuildPushAction: boolean;
  /** `docker run -v /var/run/docker.sock:…` (or --mount) in the step's script. */
  mountsSocket: boolean;
}

const SCAN_ACTIONS = /^(aquasecurity\/trivy-action|anchore\/scan-action|snyk\/actions\/docker|docker\/scout-action|crazy-max\/ghaction-container-scan|azure\/container-scan|lacework\/lw-scanner-action)@/i;
const SIGN_ACTIONS = /^(sigstore\/cosign-installer|notaryproject\/notation-action|sigstore\/gh-action-sigstore-python)@/i;
const BUILD_ACTIONS = /^(docker\/build-push-action|redhat-actions\/buildah-build|docker\/bake-action|mr-smithers-excellent\/docker-build-push)@/i;
const PUSH_ACTIONS = /^(redhat-actions\/push-to-registry|mr-smithers-excellent\/docker-build-push)@/i;


/** Reads a shell script (GitHub `${{ }}` expressions replaced, so the shell parser sees words). */
function analyseScript(text: string): Pick<CiStep, 'builds' | 'pushes' | 'scans' | 'signs' | 'image' | 'mountsSocket'> {
  const result = { builds: false, pushes: false, scans: false, signs: false, image: null as string | null, mountsSocket: false };
  if (/DOCKER_CONTENT_TRUST\s*[:=]\s*["']?1/.test(text)) result.signs = true;
  const script = parseShell(replaceGithubExpressions(text));
  for (const command of script.commands) {
    const { program, args } = effectiveArgv(command);
    const words = args.map((a) => a.value ?? a.text);
    const sub = subcommandOf(args)?.value ?? '';
    const tagOf = () => {
      const i = words.findIndex((w) => w === '-t' || w === '--tag');
      return i >= 0 ? words[i + 1] ?? null : words.find((w) => w.startsWith('--tag='))?.slice(6) ?? null;
    };
    if (program === 'docker' || program === 'podman' || program === 'nerdctl') {
      const verb = sub === 'buildx' || sub === 'image' || sub === 'compose' ? words[words.indexOf(sub) + 1] : sub;
      if (verb === 'build' || verb === 'bake') {
        result.builds = true;
        result.image ??= tagOf();
        if (words.includes('--push')) result.pushes = true;
      }
      if (verb === 'push') {
        result.pushes = true;
        result.image ??= words.filter((w) => !w.startsWith('-') && w !== 'push' && w !== sub)[0] ?? null;
      }
      if (sub === 'scout' && /^(cves|quickview|recommendations)$/.test(words[1] ?? '')) result.scans = true;
      if (sub === 'run' || sub === 'create') {
        words.forEach((word, i) => {
          const value = /^(-v|--volume|--mount)$/.test(word) ? words[i + 1] ?? '' : /^(--volume|--mount)=(.*)$/.exec(word)?.[2] ?? (/^-v(\/.+)$/.exec(word)?.[1] ?? '');
          const source = /source=|src=/.test(value) ? /(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1] ?? '' : value.split(':')[0];
          if (/^\/?(var\/)?run\/docker\.sock$/.test(source)) result.mountsSocket = true;
        });
      }
      if (sub === 'trust' && words[1] === 'sign') result.signs = true;
    } else if (program === 'buildah') {
      if (sub === 'bud' || sub === 'build') result.builds = true;
      if (sub === 'push') result.pushes = true;
    } else if (program === 'executor' || program === 'kaniko') {
      result.builds = true;
      if (!words.includes('--no-push')) result.pushes = true;
      result.image ??= words.find((w) => w.startsWith('--destination='))?.slice(14) ?? null;
    } else if (program === 'trivy' || program === 'grype' || program === 'clair-scanner' || program === 'clairctl') result.scans = true;
    else if (program === 'snyk' && (sub === 'container' || words.includes('--docker'))) result.scans = true;
    else if (program === 'cosign' && (sub === 'sign' || sub === 'attest')) result.signs = true;
    else if (program === 'notation' && sub === 'sign') result.signs = true;
  }
  return result;
}

export function githubSteps(document: DocumentModel): CiStep[] {
  const jobs = yamlGet(document.yaml?.contents, 'jobs');
  if (!isMap(jobs)) return [];
  const steps: CiStep[] = [];
  for (const pair of jobs.items as Pair<unknown, unknown>[]) {
    if (!isPair(pair) || !isMap(pair.value)) continue;
    const job = String((pair.key as { value?: unknown })?.value ?? '');
    const list = yamlGet(pair.value, 'steps');
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const uses = yamlText(yamlGet(item, 'uses'));
      const run = yamlText(yamlGet(item, 'run'));
      const step: CiStep = { job, jobNode: pair.value, node: item, anchor: (yamlGet(item, 'uses') ?? yamlGet(item, 'run') ?? item) as CiStep['anchor'], builds: false, pushes: false, scans: false, signs: false, image: null, id: yamlText(yamlGet(item, 'id')), usesBuildPushAction: false, mountsSocket: false };
      if (uses) {
        const withs = yamlGet(item, 'with');
        if (BUILD_ACTIONS.test(uses)) {
          step.builds = true;
          step.usesBuildPushAction = /^docker\/build-push-action@/i.test(uses);
          // `push: true`, a conditional `push: ${{ … }}`, or `outputs: type=image,…,push=true`.
          const push = yamlText(yamlGet(withs, 'push'));
          const outputs = yamlText(yamlGet(withs, 'outputs')) ?? '';
          if (push === 'true' || (push?.includes('${{') ?? false) || /push=true/.test(outputs) || PUSH_ACTIONS.test(uses)) step.pushes = true;
          const tags = yamlText(yamlGet(withs, 'tags'));
          step.image = tags ? tags.split(/[,\n]+/).map((t) => t.trim()).filter(Boolean)[0] ?? null : null;
        }
        if (PUSH_ACTIONS.test(uses)) step.pushes = true;
        if (SCAN_ACTIONS.test(uses)) step.scans = true;
        if (SIGN_ACTIONS.test(uses)) step.signs = true;
      }
      if (run) Object.assign(step, mergeFlags(step, analyseScript(run)));
      const env = yamlGet(item, 'env');
      if (yamlText(yamlGet(env, 'DOCKER_CONTENT_TRUST')) === '1') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}

function mergeFlags(step: CiStep, found: ReturnType<typeof analyseScript>) {
  return { builds: step.builds || found.builds, pushes: step.pushes || found.pushes, scans: step.scans || found.scans, signs: step.signs || found.signs, image: step.image ?? found.image, mountsSocket: step.mountsSocket || found.mountsSocket };
}

const GITLAB_KEYWORDS = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'spec']);

/** A top-level key of .gitlab-ci.yml that is a job (not a keyword, not a hidden `.template`). */
export function isGitlabJob(pair: Pair<unknown, unknown>): pair is Pair<unknown, unknown> & { value: YAMLMap } {
  const name = String((pair.key as { value?: unknown })?.value ?? '');
  return isMap(pair.value) && !GITLAB_KEYWORDS.has(name) && !name.startsWith('.');
}

/** A GitLab job's `script:` (a list or one string) as one shell text. */
export function gitlabScriptText(job: YAMLMap): string {
  const script = yamlGet(job, 'script');
  return isSeq(script) ? script.items.map((i) => yamlText(i) ?? '').join('\n') : yamlText(script) ?? '';
}

export function gitlabJobs(document: DocumentModel): CiStep[] {
  const root = document.yaml?.contents;
  if (!isMap(root)) return [];
  const jobs: CiStep[] = [];
  for (const pair of root.items as Pair<unknown, unknown>[]) {
    if (!isGitlabJob(pair)) continue;
    const name = String((pair.key as { value?: unknown })?.value ?? '');
    const node = pair.value;
    const script = yamlGet(node, 'script');
    const lines = gitlabScriptText(node);
    const step: CiStep = { job: name, jobNode: node, node, anchor: (script ?? node) as CiStep['anchor'], builds: false, pushes: false, scans: false, signs: false, image: null, id: null, usesBuildPushAction: false, mountsSocket: false };
    Object.assign(step, mergeFlags(step, analyseScript(lines)));
    const image = yamlText(yamlGet(node, 'image')) ?? yamlText(yamlGet(yamlGet(node, 'image'), 'name'));
    if (image && /kaniko-project\/executor|kaniko/.test(image) && /destination/.test(lines)) step.pushes = step.builds = true;
    if (image && /(trivy|grype|snyk|clair)/i.test(image)) step.scans = true;
    if (image && /cosign|notation/i.test(image)) step.signs = true;
    jobs.push(step);
  }
  return jobs;
}

/** GitLab's own scanners, switched on by including a template. */
/** What a finding calls one unit of the pipeline: GitLab has jobs, the others steps. */
export function ciUnit(document: DocumentModel): 'job' | 'step' {
  return document.kind === 'gitlab-ci' ? 'job' : 'step';
}

export function gitlabIncludesScanning(document: DocumentModel): boolean {
  return /template:\s*['"]?(Jobs\/)?(Container-Scanning|Security\/Container-Scanning)/i.test(document.source.text) || /container_scanning:/.test(document.source.text);
}

/** The steps of any CI kind the tool reads. */
export function ciSteps(document: DocumentModel): CiStep[] {
  switch (document.kind) {
    case 'github-workflow':
      return githubSteps(document);
    case 'gitlab-ci':
      return gitlabJobs(document);
    case 'azure-pipelines':
      return azureSteps(document);
    case 'circleci':
      return circleSteps(document);
    case 'bitbucket-pipelines':
      return bitbucketSteps(document);
    case 'jenkinsfile':
      return jenkinsSteps(document);
    default:
      return [];
  }
}

function emptyStep(job: string, node: YAMLMap, anchor: unknown): CiStep {
  return { job, jobNode: node, node, anchor: anchor as CiStep['anchor'], builds: false, pushes: false, scans: false, signs: false, image: null, id: null, usesBuildPushAction: false, mountsSocket: false };
}

/** Every map in a YAML tree that has the key (steps nest in stages, jobs and templates). */
function mapsWithKey(node: unknown, key: string, found: YAMLMap[] = [], depth = 0): YAMLMap[] {
  if (depth > 40) return found;
  if (isMap(node)) {
    if (yamlGet(node, key) !== undefined) found.push(node);
    for (const pair of node.items) if (isPair(pair)) mapsWithKey(pair.value, key, found, depth + 1);
  } else if (isSeq(node)) for (const item of node.items) mapsWithKey(item, key, found, depth + 1);
  return found;
}

const AZURE_SCAN_TASKS = /^(trivy|AquaSecurity|SnykSecurityScan|ContainerScan|PrismaCloudComputeScan|anchore)/i;

/** Azure Pipelines: `script`/`bash`/`pwsh` steps and the Docker@2 task (build, push, buildAndPush). */
function azureSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  for (const holder of mapsWithKey(document.yaml?.contents, 'steps')) {
    const list = yamlGet(holder, 'steps');
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const scriptKey = ['script', 'bash', 'pwsh', 'powershell'].find((k) => yamlText(yamlGet(item, k)) !== null);
      const task = yamlText(yamlGet(item, 'task'));
      const step = emptyStep('', item, yamlGet(item, scriptKey ?? 'task') ?? item);
      if (scriptKey) Object.assign(step, mergeFlags(step, analyseScript(yamlText(yamlGet(item, scriptKey)) ?? '')));
      if (task && /^Docker@\d/i.test(task)) {
        const inputs = yamlGet(item, 'inputs');
        const command = (yamlText(yamlGet(inputs, 'command')) ?? 'buildAndPush').toLowerCase();
        if (command === 'build' || command === 'buildandpush') step.builds = true;
        if (command === 'push' || command === 'buildandpush') step.pushes = true;
        step.image = yamlText(yamlGet(inputs, 'repository'));
      }
      if (task && AZURE_SCAN_TASKS.test(task)) step.scans = true;
      if (yamlText(yamlGet(yamlGet(item, 'env'), 'DOCKER_CONTENT_TRUST')) === '1') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}

/** CircleCI: `run` steps (a string or `command:`), and orb commands such as docker/publish. */
function circleSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  const jobs = yamlGet(document.yaml?.contents, 'jobs');
  if (!isMap(jobs)) return steps;
  for (const job of jobs.items as Pair<unknown, unknown>[]) {
    const list = yamlGet(job.value, 'steps');
    if (!isSeq(list)) continue;
    const name = String((job.key as { value?: unknown })?.value ?? '');
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const first = item.items[0];
      const key = isPair(first) ? String((first.key as { value?: unknown })?.value ?? '') : '';
      const value = isPair(first) ? first.value : null;
      // Report on a `run` step's command, or on an orb command's name (`docker/publish:`).
      const anchor = key === 'run' ? value : isPair(first) ? first.key : null;
      const step = emptyStep(name, item, anchor ?? item);
      if (key === 'run') {
        const command = yamlText(value) ?? yamlText(yamlGet(value, 'command'));
        if (command) Object.assign(step, mergeFlags(step, analyseScript(command)));
      }
      const orb = key.includes('/') ? key.split('/')[1] : '';
      if (/^(build|build[-_]image|build[-_]and[-_]push[-_]image|publish)$/.test(orb)) step.builds = true;
      if (/^(publish|push[-_]image|build[-_]and[-_]push[-_]image)$/.test(orb)) step.pushes = true;
      if (/^(snyk|anchore|aqua|trivy|grype)/.test(key) && orb !== '') step.scans = true;
      if (/^(cosign|sigstore)/.test(key) && orb !== '') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}

/** Bitbucket Pipelines: each `step`'s script lines and the pipes it uses. */
function bitbucketSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  for (const holder of mapsWithKey(document.yaml?.contents, 'step')) {
    const item = yamlGet(holder, 'step');
    if (!isMap(item)) continue;
    const script = yamlGet(item, 'script');
    const step = emptyStep(yamlText(yamlGet(item, 'name')) ?? '', item, script ?? item);
    if (isSeq(script)) {
      const lines: string[] = [];
      for (const line of script.items) {
        const pipe = yamlText(yamlGet(line, 'pipe'));
        if (pipe) {
          if (/(trivy|snyk|anchore|aqua|grype)/i.test(pipe)) step.scans = true;
          if (/(push-image|ecr-push|docker-push|gcr-push|acr-push)/i.test(pipe)) step.pushes = step.builds = true;
          if (/(cosign|notation)/i.test(pipe)) step.signs = true;
        } else lines.push(yamlText(line) ?? '');
      }
      Object.assign(step, mergeFlags(step, analyseScript(lines.join('\n'))));
    }
    steps.push(step);
  }
  return steps;
}

/** `sh '…'`, `sh """…"""`, `bat(script: '…')` and relatives in a Jenkinsfile. */
const JENKINS_SHELL_STEP = /\b(sh|bat|powershell|pwsh)\s*(?:\(\s*)?(?:script\s*:\s*)?('''|"""|'|")/g;
/** The Docker Pipeline plugin: `docker.build(…)`, `image.push(…)`, and Content Trust in `withEnv`. */
const JENKINS_PLUGIN_CALL = /\bdocker\.build\s*\(|\.push\s*\(|\bwithEnv\s*\(\s*\[/g;

/**
 * Jenkinsfile (Groovy), best effort: the strings given to shell steps, read with the shell parser
 * (Groovy `${…}` interpolations become plain words), and the Docker Pipeline plugin's calls.
 */
function jenkinsSteps(document: DocumentModel): CiStep[] {
  const text = document.source.text;
  const steps: CiStep[] = [];
  // Jenkins steps have no YAML node; no fix edits them, so an empty map stands in.
  const node = new YAMLMap();
  const anchorAt = (start: number, end: number) => ({ range: [start, end, end] });
  JENKINS_SHELL_STEP.lastIndex = 0;
  for (let match = JENKINS_SHELL_STEP.exec(text); match; match = JENKINS_SHELL_STEP.exec(text)) {
    const quote = match[2];
    const start = match.index + match[0].length;
    const end = closingQuote(text, start, quote);
    if (end < 0) break;
    const step = emptyStep('', node, anchorAt(match.index, end + quote.length));
    Object.assign(step, mergeFlags(step, analyseScript(replaceDelimited(text.slice(start, end), '${', '}', 'JENKINS_VAR'))));
    steps.push(step);
    JENKINS_SHELL_STEP.lastIndex = end + quote.length;
  }
  JENKINS_PLUGIN_CALL.lastIndex = 0;
  // The `]` that closes a `withEnv([`; shared by every `withEnv([` before it, so the text is read once.
  let listEnd = -2;
  for (let match = JENKINS_PLUGIN_CALL.exec(text); match; match = JENKINS_PLUGIN_CALL.exec(text)) {
    const at = match.index + match[0].length;
    if (match[0].startsWith('withEnv')) {
      if (listEnd !== -1 && listEnd < at) listEnd = text.indexOf(']', at);
      const list = listEnd < 0 ? '' : text.slice(at, listEnd);
      if (!list.includes('DOCKER_CONTENT_TRUST=1')) continue;
    }
    const step = emptyStep('', node, anchorAt(match.index, at));
    if (match[0].startsWith('docker.build')) step.builds = true;
    else if (match[0].startsWith('.push')) step.pushes = true;
    else step.signs = true;
    steps.push(step);
  }
  return steps.sort((a, b) => (a.anchor.range?.[0] ?? 0) - (b.anchor.range?.[0] ?? 0));
}

/** Offset of the closing quote (backslash escapes skipped in one-character quotes), or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  if (quote.length === 3) return text.indexOf(quote, from);
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

/** GitHub `${{ … }}` expressions as one plain word, so the shell parser sees words. */
export function replaceGithubExpressions(text: string): string {
  return replaceDelimited(text, '${{', '}}', 'GH_EXPR');
}

/**
 * Replaces each `open … close` (no `}` inside) with a word, reading the text once. A regular
 * expression such as `\$\{\{[^}]*\}\}` re-read the rest of the text from every unclosed opener.
 */
export function replaceDelimited(text: string, open: string, close: string, word: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) break;
    const brace = text.indexOf('}', start + open.length);
    // No `}` after this opener: none after any later one either.
    if (brace < 0) break;
    if (text.startsWith(close, brace)) {
      out += text.slice(from, start) + word;
      from = brace + close.length;
    } else {
      out += text.slice(from, brace + 1);
      from = brace + 1;
    }
  }
  return out + text.slice(from);
}
