/**
 * The images GoReleaser builds and pushes (`.goreleaser.yaml`'s `dockers:` and `dockers_v2:`):
 * for image roles, a Dockerfile named there is released (netbird's management, relay and signal
 * images; watchtower's). GoReleaser builds in a folder of its own with the binaries and
 * `extra_files` at their paths from the repository root: with extra files, the root stands for the
 * context; without, the Dockerfile's folder does, as for a Dockerfile nothing declares. Best effort: templates in the Dockerfile path are skipped.
 */
import { parse } from 'yaml';
import type { BuildDeclaration } from './buildDeclarations';
import { joinRelative } from './relativePaths';

export const GORELEASER_FILE = /(^|[\\/])\.?goreleaser\.ya?ml$/;

export function goreleaserBuilds(text: string): BuildDeclaration[] {
  let config: unknown;
  try {
    config = parse(text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  if (!config || typeof config !== 'object') return [];
  const found: BuildDeclaration[] = [];
  for (const key of ['dockers', 'dockers_v2']) {
    const entries = (config as Record<string, unknown>)[key];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!entry || typeof entry !== 'object') continue;
      const docker = entry as Record<string, unknown>;
      const file = typeof docker.dockerfile === 'string' ? docker.dockerfile : 'Dockerfile';
      if (file.includes('{{')) continue;
      const dockerfile = joinRelative(file);
      if (dockerfile === null) continue;
      // `extra_files: [scripts/docker]` are copied in at their paths from the repository root, so
      // the Dockerfile's COPY names them from there (pocket-id's `COPY ./scripts/docker …`).
      const context = Array.isArray(docker.extra_files) && docker.extra_files.length > 0 ? '.' : (joinRelative(dockerfile, '..') ?? '.');
      const images = [docker.image_templates, docker.images].find(Array.isArray) as unknown[] | undefined;
      const image = images?.find((i): i is string => typeof i === 'string' && !i.includes('{{'));
      // `skip_push: true` builds only; "auto" skips pre-releases, which still pushes releases.
      const pushes = docker.skip_push !== true && docker.skip_push !== 'true';
      found.push({ dockerfile, context, ...(image ? { image } : {}), ...(pushes ? { pushes: true } : {}) });
    }
  }
  return found;
}
