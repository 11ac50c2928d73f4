/**
 * The builds a compose file declares: each service's `build:` (string or `context`/`dockerfile`),
 * with the health check, image name and target compose gives it, and which services run the
 * same image with commands of their own. Keys merged in with `<<: *anchor` count as the
 * service's own, as compose reads them (redash declares `build:` only in an `x-` anchor).
 */
import { isAlias, isMap, isSeq, type Pair } from 'yaml';
import { interpolateCompose } from '../dockerfile/variables';
import type { BuildDeclaration } from './buildDeclarations';
import { yamlGet, yamlText, type DocumentModel } from './documentModel';
import { joinRelative } from './relativePaths';

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
/** Merge keys nest (an anchor that merges another): deeper than this is a loop or a joke. */
const MAX_MERGE_DEPTH = 8;

/**
 * A key of a YAML map, following merge keys as compose does: the map's own key first, then each
 * merged map in the order `<<` lists them.
 */
export function mergedGet(document: DocumentModel, node: unknown, key: string, depth = 0): unknown {
  if (!isMap(node)) return undefined;
  const own = yamlGet(node, key);
  if (own !== undefined || depth >= MAX_MERGE_DEPTH || !document.yaml) return own;
  const merge = yamlGet(node, '<<');
  for (const source of isSeq(merge) ? merge.items : [merge]) {
    const found = mergedGet(document, isAlias(source) ? source.resolve(document.yaml) : source, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

interface ServiceBuild {
  declaration: BuildDeclaration;
  /** What the service runs: its entrypoint and command as written ('' for the image's own). */
  runs: string;
}

export function composeBuilds(document: DocumentModel): BuildDeclaration[] {
  const services = yamlGet(document.yaml?.contents, 'services');
  if (!isMap(services)) return [];
  const built: ServiceBuild[] = [];
  /** Services that only name an image, by image name: they may run one that another service builds. */
  const byImage = new Map<string, string[]>();
  for (const pair of services.items as Pair<unknown, unknown>[]) {
    const get = (key: string) => mergedGet(document, pair.value, key);
    const service = yamlText(pair.key);
    const rawImage = yamlText(get('image'));
    const image = rawImage === null ? null : interpolate(rawImage);
    const runs = `${commandText(get('entrypoint'))}\u0000${commandText(get('command'))}`;
    const build = get('build');
    if (!build) {
      if (image && service) byImage.set(image, [...(byImage.get(image) ?? []), runs]);
      continue;
    }
    const rawContext = isMap(build) ? (yamlText(yamlGet(build, 'context')) ?? '.') : yamlText(build);
    const rawFile = isMap(build) ? (yamlText(yamlGet(build, 'dockerfile')) ?? 'Dockerfile') : 'Dockerfile';
    const context = rawContext === null ? null : interpolate(rawContext);
    const file = interpolate(rawFile);
    if (context === null || file === null) continue;
    const contextPath = joinRelative(context);
    // Compose reads `dockerfile` relative to the context.
    const dockerfile = contextPath === null ? null : joinRelative(contextPath, file);
    if (contextPath === null || dockerfile === null) continue;
    const healthcheck = serviceHealthcheck(get('healthcheck'));
    const target = isMap(build) ? yamlText(yamlGet(build, 'target')) : null;
    built.push({
      runs,
      declaration: {
        dockerfile,
        context: contextPath,
        ...(healthcheck ? { healthcheck } : {}),
        ...(service ? { service } : {}),
        ...(target ? { target: interpolate(target) ?? undefined } : {}),
        ...(image ? { image } : {}),
      },
    });
  }
  for (const { declaration } of built) {
    const sameImage = built.filter((other) => sameBuild(other.declaration, declaration));
    const commands = new Set([...sameImage.map((b) => b.runs), ...(declaration.image ? (byImage.get(declaration.image) ?? []) : [])]);
    if (commands.size > 1) declaration.servicesWithOwnCommands = sameImage.map((b) => b.declaration.service ?? '').filter(Boolean);
  }
  return built.map((b) => b.declaration);
}

/**
 * Services that run an image by name (no `build:`) with a health check of their own: the
 * deployment checks that image (AppFlowy's appflowy_cloud, MinIO's compose files).
 */
export function composeImageHealthchecks(document: DocumentModel): { image: string; service: string }[] {
  const services = yamlGet(document.yaml?.contents, 'services');
  if (!isMap(services)) return [];
  const found: { image: string; service: string }[] = [];
  for (const pair of services.items as Pair<unknown, unknown>[]) {
    const get = (key: string) => mergedGet(document, pair.value, key);
    const raw = yamlText(get('image'));
    const image = raw === null ? null : interpolate(raw);
    if (!image || get('build') || !serviceHealthcheck(get('healthcheck'))) continue;
    found.push({ image, service: yamlText(pair.key) ?? '' });
  }
  return found;
}

function sameBuild(a: BuildDeclaration, b: BuildDeclaration): boolean {
  return a.dockerfile === b.dockerfile && a.context === b.context && a.target === b.target;
}

/** `command:` / `entrypoint:` as one line of text: a string as written, a list joined. */
function commandText(node: unknown): string {
  if (isSeq(node)) return JSON.stringify(node.items.map((item) => yamlText(item) ?? ''));
  return (yamlText(node) ?? '').trim();
}

/** A service's health check, when it has a test compose would run (not NONE, not disabled). */
function serviceHealthcheck(healthcheck: unknown): ServiceHealthcheck | undefined {
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
