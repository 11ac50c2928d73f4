/**
 * The shared corpus of real Dockerfiles (../shared/corpus, outside the repository; CI has it at
 * the same place). Tests read it where it is and never copy it. `DFH_LONG=1` runs over all of it;
 * otherwise a fixed sample keeps `npm test` within a minute or two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
export const LONG = process.env.DFH_LONG === '1';

export interface CorpusFile {
  path: string;
  text: string;
}

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS, 'index.tsv'));
}

/** Corpus files of a kind, every `step`-th one in index order (deterministic). */
export function corpusFiles(kind: string, sampleSize: number | null): CorpusFile[] {
  const rows = readFileSync(join(CORPUS, 'index.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const paths = rows.filter((r) => r[1] === kind).map((r) => r[0]);
  const step = sampleSize && !LONG ? Math.max(1, Math.floor(paths.length / sampleSize)) : 1;
  return paths.filter((_, i) => i % step === 0).map((path) => ({ path, text: readFileSync(join(CORPUS, path), 'utf8') }));
}

/**
 * The paths of a corpus file's repository below the file's folder, relative to that folder
 * (`.context-tree.txt`): what a build context there would hold. Empty when the list is missing.
 */
export function repositoryFileList(file: CorpusFile): string[] {
  const [repository, ...rest] = file.path.split('/');
  const folder = rest.slice(0, -1).join('/');
  const treePath = join(CORPUS, repository, '.context-tree.txt');
  if (!existsSync(treePath)) return [];
  const prefix = folder === '' ? '' : `${folder}/`;
  return readFileSync(treePath, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}
