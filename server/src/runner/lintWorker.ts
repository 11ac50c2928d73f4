/**
 * The lint worker (dist/lint-worker.js): lints the files it is sent, one at a time, in the order
 * they come, and says through the shared state which one it is on so the pool can enforce its
 * deadline (lintPool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ContextCache } from '../config/contextCache';
import { initEngine } from '../engine/linter';
import { runLintJob, type LintJob, type LintOutcome } from './lintJob';
import { STATE_RUNNING as RUNNING, STATE_STARTED as STARTED } from './workerState';

interface WorkerData {
  dockerfileHardeningLintWorker: true;
  state: Int32Array;
  origin: number;
}

function serve(port: NonNullable<typeof parentPort>, data: WorkerData): void {
  const contexts = new ContextCache();
  const ready = initEngine();
  port.on('message', async (message: { id: number; job: LintJob } | { forget: true }) => {
    if ('forget' in message) {
      contexts.clear();
      return;
    }
    await ready;
    // The start time first: the watchdog must never see this job with the last one's start.
    Atomics.store(data.state, STARTED, Date.now() - data.origin);
    Atomics.store(data.state, RUNNING, message.id);
    let outcome: LintOutcome;
    const started = performance.now();
    try {
      outcome = runLintJob(message.job, contexts);
      outcome.elapsedMs = performance.now() - started;
    } catch (error) {
      outcome = { status: 'failed', reason: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
    Atomics.store(data.state, RUNNING, 0);
    port.postMessage({ id: message.id, outcome });
  });
}

if (parentPort && (workerData as Partial<WorkerData> | null)?.dockerfileHardeningLintWorker) serve(parentPort, workerData as WorkerData);
