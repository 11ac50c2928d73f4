/** How many lint worker threads a CLI run uses. */
import { availableParallelism } from 'node:os';

/** Below this many files per thread, starting threads costs more than it saves. */
const FILES_PER_THREAD = 100;

/**
 * `--jobs` when given, else one per core but one for large runs, and one otherwise. V8's garbage
 * collector and compiler already keep a second core busy for a single linting thread: on two
 * cores, two workers were slower than one over the corpus (npm run bench).
 */
export function threadCount(files: number, requested: number | null, cores = availableParallelism()): number {
  if (requested !== null) return Math.max(1, Math.min(requested, files));
  const workers = Math.min(cores - 1, Math.floor(files / FILES_PER_THREAD));
  return workers >= 2 ? workers : 1;
}
