/**
 * Large CLI runs are spread over worker threads, one per core but one, each with its own engine: the
 * engine is CPU-bound and a monorepo or a corpus has hundreds of files. The main thread reads the
 * files and their configs, hands out batches, and puts the results back in input order, so the
 * output is the same as a run on one thread.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { SeverityOverride } from '../../../shared/settings';
import { ContextCache } from '../config/contextCache';
import { initEngine, lintFile, type LintResult } from '../engine/linter';

/** What a worker needs to lint one file; all of it survives structured cloning. */
export interface LintJob {
  index: number;
  path: string | null;
  display: string;
  text: string;
  severityOverrides: SeverityOverride[];
  trustedRegistries: readonly string[] | null;
}

export type LintJobResult = { index: number } & Pick<LintResult, 'findings' | 'syntaxErrors' | 'internalErrors'>;

/** Below this many files per thread, starting threads costs more than it saves. */
const FILES_PER_THREAD = 100;
const BATCH = 16;

/**
 * How many threads to use: `--jobs` when given, else one per core but one for large runs. V8's
 * garbage collector and compiler already keep a second core busy for a single linting thread: on
 * two cores, two workers were slower than one thread over the corpus (npm run bench).
 */
export function threadCount(files: number, requested: number | null, cores = availableParallelism()): number {
  if (requested !== null) return Math.max(1, Math.min(requested, files));
  // Worker threads only when at least two of them would run.
  const workers = Math.min(cores - 1, Math.floor(files / FILES_PER_THREAD));
  return workers >= 2 ? workers : 1;
}

/** Lints one job; the build context of the file is listed only if a rule asks for it. */
export function lintJob(job: LintJob, contexts: ContextCache): LintJobResult {
  const path = job.path ? resolve(job.path) : null;
  const buildContext = () => (path ? contexts.forFile(path) : null);
  const result = lintFile(job.path ?? job.display, job.text, { severityOverrides: job.severityOverrides, trustedRegistries: job.trustedRegistries, filePath: job.display, buildContext });
  return { index: job.index, findings: result.findings, syntaxErrors: result.syntaxErrors, internalErrors: result.internalErrors };
}

/** Runs the jobs on `threads` workers; `onResult` sees each result as it arrives (any order). */
export async function lintInWorkers(jobs: LintJob[], threads: number, onResult: (result: LintJobResult) => void): Promise<void> {
  let next = 0;
  const take = () => {
    const batch = jobs.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  const runWorker = () =>
    new Promise<void>((done, fail) => {
      const worker = new Worker(__filename, { workerData: { dockerfileHardeningLintWorker: true } });
      worker.on('message', (results: LintJobResult[]) => {
        results.forEach(onResult);
        const batch = take();
        if (batch.length > 0) worker.postMessage(batch);
        else void worker.terminate().then(() => done());
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && code !== 1) fail(new Error(`lint worker exited with ${code}`));
      });
      const first = take();
      if (first.length > 0) worker.postMessage(first);
      else void worker.terminate().then(() => done());
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
}

/** True in a thread started by lintInWorkers. */
export function isLintWorker(): boolean {
  return parentPort !== null && (workerData as { dockerfileHardeningLintWorker?: boolean } | null)?.dockerfileHardeningLintWorker === true;
}

/** The worker's side: lint each batch it is sent and answer with the results. */
export function serveLintJobs(): void {
  const contexts = new ContextCache();
  const ready = initEngine();
  parentPort!.on('message', (batch: LintJob[]) => {
    void ready.then(() => parentPort!.postMessage(batch.map((job) => lintJob(job, contexts))));
  });
}
