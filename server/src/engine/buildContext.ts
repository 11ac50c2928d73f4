/**
 * What the engine knows about a Dockerfile's build context: the files in it (a bounded listing
 * gathered by the CLI or the server; the engine itself does no I/O) and the ignore file Docker
 * would use. Matching follows Docker's own .dockerignore rules (dockerignore.ts).
 */
import type { ServiceHealthcheck } from './documents/composeBuilds';
import { parseDockerIgnore } from './documents/dockerignore';
import { secretFileKind } from './knowledge/secrets';

export interface BuildContext {
  /** Absolute path of the context folder. */
  root: string;
  /** Paths relative to the root, forward slashes; folders too (`.git`, `node_modules`). */
  entries: string[];
  /** The ignore file Docker would read, if any: `<Dockerfile>.dockerignore` first, then `.dockerignore`. */
  ignoreFile: { path: string; text: string } | null;
  /** The health check a compose service built from this Dockerfile already has (absent: none known). */
  serviceHealthcheck?: ServiceHealthcheck | null;
  /**
   * Compose services that run this image with commands of their own (redash's server, worker and
   * scheduler): one HEALTHCHECK in the image cannot fit them all.
   */
  servicesWithOwnCommands?: string[];
  /**
   * Files whose names look secret but whose content the scan read and found none in: an `.npmrc`
   * with settings and no token, a public key (`nodesource-repo.gpg.key`). Only the verdict is kept,
   * never the content.
   */
  harmless?: string[];
  /**
   * Start scripts and server configs that hand the service to another user (`exec gosu app …`,
   * uwsgi's `uid = www-data`); only the paths are kept (config/privilegeDrop.ts).
   */
  dropsPrivileges?: string[];
  /**
   * sshd configs that limit who may log in and what runs (`AllowUsers git`, `ForceCommand`,
   * `AuthorizedKeysCommand`): a git server's SSH, not a shell. Only the paths are kept.
   */
  restrictedSsh?: string[];
  /** For an ignore file: the Dockerfile built with this context (whether it copies all of it decides). */
  dockerfile?: { path: string; text: string } | null;
}

/** A path in the context that holds a secret: its name says so and the scan did not find it harmless. */
export function holdsSecret(context: BuildContext | null, path: string): boolean {
  const relative = path.replace(/^(\.\/)+/, '');
  return secretFileKind(relative) !== null && !(context?.harmless ?? []).includes(relative);
}

export function ignoreMatcher(context: BuildContext): (path: string) => boolean {
  if (!context.ignoreFile) return () => false;
  const matcher = parseDockerIgnore(context.ignoreFile.text);
  return (path) => matcher.ignores(path);
}
