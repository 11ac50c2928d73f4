/**
 * Image references as Docker reads them: `[registry/][namespace/]name[:tag][@digest]`.
 * A first path component is a registry when it has a dot or a port, or is `localhost`.
 */
export interface ImageRef {
  /** Registry host, `docker.io` when none is written. */
  registry: string;
  /** Repository path without registry, with `library/` for Docker Hub official images. */
  repository: string;
  /** The last path component, e.g. `node` for `docker.io/library/node`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** True for Docker Hub images in the `library/` namespace (node, python, alpine…). */
  official: boolean;
}

export const DOCKER_HUB = 'docker.io';

export function parseImageRef(text: string): ImageRef | null {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  let rest = trimmed;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '' || rest.endsWith('/')) return null;
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  let repository = parts.join('/').toLowerCase();
  const official = registry === DOCKER_HUB && (parts.length === 1 || parts[0] === 'library');
  if (registry === DOCKER_HUB && parts.length === 1) repository = `library/${repository}`;
  const name = parts[parts.length - 1].toLowerCase();
  return { registry, repository, name, tag, digest, official };
}

/** `node`, `ghcr.io/org/app`… as a user would write it, without tag or digest. */
export function displayName(ref: ImageRef): string {
  const repo = ref.official ? ref.repository.replace(/^library\//, '') : ref.repository;
  return ref.registry === DOCKER_HUB ? repo : `${ref.registry}/${repo}`;
}

/** An image reference without registry, tag or digest, lower case: `ghcr.io/org/app:1` → `org/app`, `library/node` → `node`. */
export function repositoryName(reference: string): string {
  let name = reference.toLowerCase().split('@')[0];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  const parts = name.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return parts.join('/');
}
