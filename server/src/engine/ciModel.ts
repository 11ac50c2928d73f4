/**
 * CI pipelines as lists of steps: GitHub Actions jobs and steps, GitLab CI jobs. Each step says
 * whether it builds or pushes an image, scans one, or signs one, read from `uses:` actions and
 * from `run:`/`script:` bodies parsed with the shell parser (not by substring).
 */
import { isMap, isPair, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { effectiveArgv, subcommandOf } from '../shell/commands';
import { parseShell } from '../shell/parser';
import { yamlGet, type DocumentModel } from './documentModel';

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

const str = (node: unknown): string | null => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null);

/** Reads a shell script (GitHub `${{ }}` expressions replaced, so the shell parser sees words). */
function analyseScript(text: string): Pick<CiStep, 'builds' | 'pushes' | 'scans' | 'signs' | 'image' | 'mountsSocket'> {
  const result = { builds: false, pushes: false, scans: false, signs: false, image: null as string | null, mountsSocket: false };
  if (/DOCKER_CONTENT_TRUST\s*[:=]\s*["']?1/.test(text)) result.signs = true;
  const script = parseShell(text.replace(/\$\{\{[^}]*\}\}/g, 'GH_EXPR'));
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
      const uses = str(yamlGet(item, 'uses'));
      const run = str(yamlGet(item, 'run'));
      const step: CiStep = { job, jobNode: pair.value, node: item, anchor: (yamlGet(item, 'uses') ?? yamlGet(item, 'run') ?? item) as CiStep['anchor'], builds: false, pushes: false, scans: false, signs: false, image: null, id: str(yamlGet(item, 'id')), usesBuildPushAction: false, mountsSocket: false };
      if (uses) {
        const withs = yamlGet(item, 'with');
        if (BUILD_ACTIONS.test(uses)) {
          step.builds = true;
          step.usesBuildPushAction = /^docker\/build-push-action@/i.test(uses);
          // `push: true`, a conditional `push: ${{ … }}`, or `outputs: type=image,…,push=true`.
          const push = str(yamlGet(withs, 'push'));
          const outputs = str(yamlGet(withs, 'outputs')) ?? '';
          if (push === 'true' || (push?.includes('${{') ?? false) || /push=true/.test(outputs) || PUSH_ACTIONS.test(uses)) step.pushes = true;
          const tags = str(yamlGet(withs, 'tags'));
          step.image = tags ? tags.split(/[,\n]+/).map((t) => t.trim()).filter(Boolean)[0] ?? null : null;
        }
        if (PUSH_ACTIONS.test(uses)) step.pushes = true;
        if (SCAN_ACTIONS.test(uses)) step.scans = true;
        if (SIGN_ACTIONS.test(uses)) step.signs = true;
      }
      if (run) Object.assign(step, mergeFlags(step, analyseScript(run)));
      const env = yamlGet(item, 'env');
      if (str(yamlGet(env, 'DOCKER_CONTENT_TRUST')) === '1') step.signs = true;
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
  return isSeq(script) ? script.items.map((i) => str(i) ?? '').join('\n') : str(script) ?? '';
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
    const image = str(yamlGet(node, 'image')) ?? str(yamlGet(yamlGet(node, 'image'), 'name'));
    if (image && /kaniko-project\/executor|kaniko/.test(image) && /destination/.test(lines)) step.pushes = step.builds = true;
    if (image && /(trivy|grype|snyk|clair)/i.test(image)) step.scans = true;
    if (image && /cosign|notation/i.test(image)) step.signs = true;
    jobs.push(step);
  }
  return jobs;
}

/** GitLab's own scanners, switched on by including a template. */
export function gitlabIncludesScanning(document: DocumentModel): boolean {
  return /template:\s*['"]?(Jobs\/)?(Container-Scanning|Security\/Container-Scanning)/i.test(document.source.text) || /container_scanning:/.test(document.source.text);
}
