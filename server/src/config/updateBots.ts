/**
 * Whether a repository has a bot that moves its base image tags to newer releases: Dependabot
 * with a `docker` (or `docker-compose`) entry, or Renovate, whose Dockerfile manager is on unless
 * the config names other managers only. Only configuration files are read, never run.
 */
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { yamlGet, yamlText } from '../engine/documents/documentModel';
import type { BaseImageUpdates } from '../engine/roles';
import { readSmallText } from '../files/readChecked';

const DEPENDABOT = ['.github/dependabot.yml', '.github/dependabot.yaml'];
const RENOVATE = [
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
];
/** A config file is a few KB; anything larger is not read. */
const MAX_BYTES = 256 * 1024;
const readSmall = (path: string) => readSmallText(path, MAX_BYTES);

/** Which bot keeps the repository's base image tags current, if any. */
export function baseImageUpdates(repositoryRoot: string): BaseImageUpdates {
  for (const name of DEPENDABOT) {
    const text = readSmall(join(repositoryRoot, name));
    if (text !== null && dependabotWatchesDocker(text)) return 'dependabot';
  }
  for (const name of RENOVATE) {
    const text = readSmall(join(repositoryRoot, name));
    if (text !== null && renovateWatchesDocker(text)) return 'renovate';
  }
  const manifest = readSmall(join(repositoryRoot, 'package.json'));
  const inManifest = manifest === null ? undefined : renovateKey(manifest);
  if (inManifest && renovateWatchesDocker(JSON.stringify(inManifest))) return 'renovate';
  return 'none';
}

/** package.json's `renovate` config object, if it has one. */
function renovateKey(manifest: string): unknown {
  try {
    const config = (JSON.parse(manifest) as { renovate?: unknown }).renovate;
    return config && typeof config === 'object' ? config : undefined;
  } catch {
    return undefined;
  }
}

/** `updates: [{ package-ecosystem: docker, … }]`. */
export function dependabotWatchesDocker(text: string): boolean {
  const updates = yamlGet(parseDocument(text, { strict: false, uniqueKeys: false }).contents, 'updates');
  if (!isSeq(updates)) return false;
  return updates.items.some((entry) => isMap(entry) && /^docker(-compose)?$/.test(yamlText(yamlGet(entry, 'package-ecosystem')) ?? ''));
}

/**
 * Renovate looks at Dockerfiles by default; a config that lists `enabledManagers` without
 * `dockerfile` turns that off. (JSON5 is not parsed here: the one key is found in its text.)
 */
export function renovateWatchesDocker(text: string): boolean {
  const enabled = /"?enabledManagers"?\s*:\s*\[([^\]]*)\]/.exec(text);
  return !enabled || /dockerfile|docker-compose/.test(enabled[1]);
}
