/**
 * A CI pipeline as a list of steps, whatever the CI system: each says whether it builds or
 * pushes an image, scans one, or signs one, read from actions, tasks and orbs and from script
 * bodies parsed with the shell parser (not by substring). The dialects are in this folder, one
 * file each, listed in index.ts.
 */
import { isMap, isPair, isSeq, type YAMLMap } from 'yaml';
import { effectiveArgv, subcommandOf } from '../../shell/commands';
import { parseShell } from '../../shell/parser';
import { yamlGet } from '../documents/documentModel';

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

export const SCAN_ACTIONS =
  /^(aquasecurity\/trivy-action|anchore\/scan-action|snyk\/actions\/docker|docker\/scout-action|crazy-max\/ghaction-container-scan|azure\/container-scan|lacework\/lw-scanner-action)@/i;
export const SIGN_ACTIONS = /^(sigstore\/cosign-installer|notaryproject\/notation-action|sigstore\/gh-action-sigstore-python)@/i;
export const BUILD_ACTIONS = /^(docker\/build-push-action|redhat-actions\/buildah-build|docker\/bake-action|mr-smithers-excellent\/docker-build-push)@/i;
export const PUSH_ACTIONS = /^(redhat-actions\/push-to-registry|mr-smithers-excellent\/docker-build-push)@/i;

/** Reads a shell script (GitHub `${{ }}` expressions replaced, so the shell parser sees words). */
/**
 * `podman push img dir:/cache`, `buildah push img oci-archive:out.tar`: a copy to the runner's disk
 * (zabbix caches images between jobs this way), not a publish.
 */
function toLocalTransport(words: readonly string[]): boolean {
  return words.some((word) => /^(dir|oci|oci-archive|docker-archive|containers-storage):/.test(word));
}

export function analyseScript(text: string): Pick<CiStep, 'builds' | 'pushes' | 'scans' | 'signs' | 'image' | 'mountsSocket'> {
  const result = { builds: false, pushes: false, scans: false, signs: false, image: null as string | null, mountsSocket: false };
  if (/DOCKER_CONTENT_TRUST\s*[:=]\s*["']?1/.test(text)) result.signs = true;
  const script = parseShell(replaceGithubExpressions(text));
  for (const command of script.commands) {
    const { program, args } = effectiveArgv(command);
    const words = args.map((a) => a.value ?? a.text);
    const sub = subcommandOf(args)?.value ?? '';
    const tagOf = () => {
      const i = words.findIndex((w) => w === '-t' || w === '--tag');
      return i >= 0 ? (words[i + 1] ?? null) : (words.find((w) => w.startsWith('--tag='))?.slice(6) ?? null);
    };
    if (program === 'docker' || program === 'podman' || program === 'nerdctl') {
      const verb = sub === 'buildx' || sub === 'image' || sub === 'compose' ? words[words.indexOf(sub) + 1] : sub;
      if (verb === 'build' || verb === 'bake') {
        result.builds = true;
        result.image ??= tagOf();
        // `--push`, or an output to a registry (`--output=type=registry`, bake's `--set *.output=type=registry`).
        if (words.includes('--push') || words.some((w) => /type=registry|push=true/.test(w))) result.pushes = true;
      }
      if (verb === 'push' && !toLocalTransport(words)) {
        result.pushes = true;
        result.image ??= words.filter((w) => !w.startsWith('-') && w !== 'push' && w !== sub)[0] ?? null;
      }
      if (sub === 'scout' && /^(cves|quickview|recommendations)$/.test(words[1] ?? '')) result.scans = true;
      if (sub === 'run' || sub === 'create') {
        words.forEach((word, i) => {
          const value = /^(-v|--volume|--mount)$/.test(word) ? (words[i + 1] ?? '') : (/^(--volume|--mount)=(.*)$/.exec(word)?.[2] ?? /^-v(\/.+)$/.exec(word)?.[1] ?? '');
          const source = /source=|src=/.test(value) ? (/(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1] ?? '') : value.split(':')[0];
          if (/^\/?(var\/)?run\/docker\.sock$/.test(source)) result.mountsSocket = true;
        });
      }
      if (sub === 'trust' && words[1] === 'sign') result.signs = true;
    } else if (program === 'buildah') {
      if (sub === 'bud' || sub === 'build') result.builds = true;
      if (sub === 'push' && !toLocalTransport(words)) result.pushes = true;
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

export function mergeFlags(step: CiStep, found: ReturnType<typeof analyseScript>) {
  return {
    builds: step.builds || found.builds,
    pushes: step.pushes || found.pushes,
    scans: step.scans || found.scans,
    signs: step.signs || found.signs,
    image: step.image ?? found.image,
    mountsSocket: step.mountsSocket || found.mountsSocket,
  };
}

export function emptyStep(job: string, node: YAMLMap, anchor: unknown): CiStep {
  return {
    job,
    jobNode: node,
    node,
    anchor: anchor as CiStep['anchor'],
    builds: false,
    pushes: false,
    scans: false,
    signs: false,
    image: null,
    id: null,
    usesBuildPushAction: false,
    mountsSocket: false,
  };
}

/** Every map in a YAML tree that has the key (steps nest in stages, jobs and templates). */
export function mapsWithKey(node: unknown, key: string, found: YAMLMap[] = [], depth = 0): YAMLMap[] {
  if (depth > 40) return found;
  if (isMap(node)) {
    if (yamlGet(node, key) !== undefined) found.push(node);
    for (const pair of node.items) if (isPair(pair)) mapsWithKey(pair.value, key, found, depth + 1);
  } else if (isSeq(node)) for (const item of node.items) mapsWithKey(item, key, found, depth + 1);
  return found;
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
