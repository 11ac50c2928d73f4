/**
 * Lint workers with a budget per file. Whatever a file contains, its lint cannot stop a run: each
 * worker thread has a heap cap, and a watchdog on the calling thread ends a worker whose current
 * file has run past the deadline. That file is reported as skipped, a fresh worker takes the
 * files that were queued behind it, and the run goes on.
 *
 * The worker says which file it is on, and since when, through a shared Int32Array, so the
 * watchdog needs no message from a thread that may be stuck in a loop.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintJob, LintOutcome } from './lintJob';
import { STATE_RUNNING as RUNNING, STATE_STARTED as STARTED } from './workerState';

export interface PoolOptions {
  /** Worker threads at most. */
  threads: number;
  /** A file still running after this long is skipped. */
  deadlineMs: number;
  /** The heap cap of each worker (V8's old generation), in MiB. */
  heapMb: number;
  /** Workers with nothing to do end after this long (the editor keeps one for a while); 0: at once. */
  idleMs?: number;
  /** The worker bundle to run (tests from source point at the build's dist/lint-worker.js). */
  workerBundle?: string;
}

export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_HEAP_MB = 1024;

/** Jobs sent ahead to a worker, so it never waits for the next one. */
const PIPELINE = 4;

interface Pending {
  id: number;
  job: LintJob;
  settle: (outcome: LintOutcome) => void;
}

interface Slot {
  worker: Worker;
  state: Int32Array;
  /** Sent and not answered, in the order the worker runs them. */
  inFlight: Pending[];
  /** Answers received: a worker that dies before its first one cannot start at all. */
  answered: number;
  ended: boolean;
  idleTimer: NodeJS.Timeout | null;
}

export class LintPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly origin = Date.now();
  private closed = false;
  private threads: number;

  constructor(private readonly options: PoolOptions) {
    this.threads = Math.max(1, options.threads);
  }

  /**
   * Uses at most `threads` workers from now on, and starts them now, so their start-up overlaps
   * the caller's own work (finding and reading files).
   */
  warm(threads: number): void {
    this.threads = Math.max(1, threads);
    while (this.slots.length < this.threads) this.spawn();
  }

  /** Files on disk changed (a compose file, an ignore file): workers forget the build contexts they listed. */
  forgetCaches(): void {
    // Messages are handled in order, so every job sent after this sees the files as they are now.
    for (const slot of this.slots) slot.worker.postMessage({ forget: true });
  }

  /** Lints one file; never rejects: a file that cannot be finished comes back skipped or failed. */
  lint(job: LintJob): Promise<LintOutcome> {
    if (this.closed) return Promise.resolve({ status: 'failed', reason: 'the lint pool was closed' });
    return new Promise((settle) => {
      this.queue.push({ id: this.nextId++, job, settle });
      this.dispatch();
    });
  }

  /** Lints every job; `onOutcome` sees each as it is finished (in any order). */
  async lintAll(jobs: readonly LintJob[], onOutcome: (index: number, outcome: LintOutcome) => void): Promise<void> {
    await Promise.all(jobs.map((job, index) => this.lint(job).then((outcome) => onOutcome(index, outcome))));
  }

  /** Ends every worker; jobs still queued come back failed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.settle({ status: 'failed', reason: 'the lint pool was closed' });
    this.stopWatchdog();
    await Promise.all(this.slots.splice(0).map((slot) => this.end(slot)));
  }

  private dispatch(): void {
    // Fill the workers there are, then start more while there is work for them.
    for (const slot of this.slots) this.feed(slot);
    while (this.queue.length > 0 && this.slots.length < this.threads) this.feed(this.spawn());
    if (this.slots.some((s) => s.inFlight.length > 0)) this.startWatchdog();
  }

  private feed(slot: Slot): void {
    while (slot.inFlight.length < PIPELINE && this.queue.length > 0) {
      const pending = this.queue.shift()!;
      slot.inFlight.push(pending);
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    if (slot.inFlight.length > 0) slot.worker.ref();
    else if (slot.answered > 0) this.idle(slot);
  }

  private spawn(): Slot {
    const state = new Int32Array(new SharedArrayBuffer(8));
    const bundle = this.options.workerBundle;
    const worker = new Worker(bundle ?? workerSource(), {
      eval: !bundle && __filename.endsWith('.ts'),
      workerData: { dockerfileHardeningLintWorker: true, state, origin: this.origin },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
      // Nothing a worker prints may reach stdout: it is the report's (CLI) or the protocol's (LSP).
      stdout: true,
    });
    worker.stdout.resume();
    const slot: Slot = { worker, state, inFlight: [], answered: 0, ended: false, idleTimer: null };
    worker.on('message', (message: { id: number; outcome: LintOutcome }) => {
      const index = slot.inFlight.findIndex((p) => p.id === message.id);
      if (index < 0) return;
      const [pending] = slot.inFlight.splice(index, 1);
      slot.answered++;
      pending.settle(message.outcome);
      this.feed(slot);
      if (!this.slots.some((s) => s.inFlight.length > 0)) this.stopWatchdog();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `skipped: needed more than ${this.options.heapMb} MiB of memory` : null;
      this.lost(slot, reason, `the lint worker failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (!slot.ended) this.lost(slot, null, `the lint worker exited with status ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  /**
   * A worker is gone (deadline, heap cap, crash). The file it was on gets `skippedReason` (or
   * fails with `failure`); the files queued behind it go to a fresh worker. A worker that dies
   * before finishing anything, between files, cannot start: everything fails rather than respawning
   * forever.
   */
  private lost(slot: Slot, skippedReason: string | null, failure: string): void {
    if (slot.ended) return;
    slot.ended = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const runningId = Atomics.load(slot.state, RUNNING);
    const culprit = slot.inFlight.find((p) => p.id === runningId);
    const rest = slot.inFlight.filter((p) => p !== culprit);
    if (culprit) culprit.settle(skippedReason ? { status: 'skipped', reason: skippedReason } : { status: 'failed', reason: failure });
    if (!culprit && slot.answered === 0) {
      for (const pending of [...rest, ...this.queue.splice(0)]) pending.settle({ status: 'failed', reason: failure });
    } else {
      this.queue.unshift(...rest);
    }
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
    if (!this.slots.some((s) => s.inFlight.length > 0)) this.stopWatchdog();
  }

  private idle(slot: Slot): void {
    const idleMs = this.options.idleMs ?? 0;
    if (idleMs === 0) {
      this.retire(slot);
      return;
    }
    // An idle worker never keeps the process alive (the editor may go away at any time).
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => this.retire(slot), idleMs);
    slot.idleTimer.unref();
  }

  private retire(slot: Slot): void {
    if (slot.ended || slot.inFlight.length > 0) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void this.end(slot);
  }

  private async end(slot: Slot): Promise<void> {
    slot.ended = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    await slot.worker.terminate();
  }

  private startWatchdog(): void {
    if (this.watchdog) return;
    const every = Math.max(5, Math.min(250, Math.floor(this.options.deadlineMs / 4)));
    this.watchdog = setInterval(() => this.checkDeadlines(), every);
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private checkDeadlines(): void {
    const now = Date.now() - this.origin;
    for (const slot of [...this.slots]) {
      if (Atomics.load(slot.state, RUNNING) === 0) continue;
      const elapsed = now - Atomics.load(slot.state, STARTED);
      if (elapsed > this.options.deadlineMs) this.lost(slot, `skipped: took longer than ${formatSeconds(this.options.deadlineMs)}`, 'deadline');
    }
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * The worker's code: its own bundle next to this one; or, running from the TypeScript sources
 * (the tests, under tsx), a few lines that register tsx in the new thread (Node 20 does not carry
 * the loader into workers) and load the worker's source.
 */
function workerSource(): string {
  if (!__filename.endsWith('.ts')) return join(__dirname, 'lint-worker.js');
  return `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'lintWorker.ts'))});`;
}
