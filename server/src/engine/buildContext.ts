/**
 * What the engine knows about a Dockerfile's build context: the files in it (a bounded listing
 * gathered by the CLI or the server; the engine itself does no I/O) and the ignore file Docker
 * would use. Matching follows Docker's own .dockerignore rules (dockerignore.ts).
 */
import { parseDockerIgnore } from './dockerignore';

export interface BuildContext {
  /** Absolute path of the context folder. */
  root: string;
  /** Paths relative to the root, forward slashes; folders too (`.git`, `node_modules`). */
  entries: string[];
  /** The ignore file Docker would read, if any: `<Dockerfile>.dockerignore` first, then `.dockerignore`. */
  ignoreFile: { path: string; text: string } | null;
}

export function ignoreMatcher(context: BuildContext): (path: string) => boolean {
  if (!context.ignoreFile) return () => false;
  const matcher = parseDockerIgnore(context.ignoreFile.text);
  return (path) => matcher.ignores(path);
}
