/**
 * A time budget for work on the calling thread, where no worker can be used: the language server
 * lints the document being edited in its own thread (the parse cache and code actions need the
 * result there). Node's vm timeout ends a synchronous run from a watchdog thread, whatever it is
 * doing (a loop, a regular expression, the WASM shell parser), and the thread goes on.
 *
 * Costs about a quarter of a millisecond per call (a watchdog thread each time): right for a
 * keystroke, wrong for thousands of files (the CLI uses lint workers instead, lintPool.ts).
 */
import { Script } from 'node:vm';
import { resetShellParser } from '../shell/parser';

const RUN = new Script('globalThis.__dockerfileHardeningDeadlineJob()', { filename: 'dockerfile-hardening-deadline' });

export type Deadlined<T> = { done: true; value: T } | { done: false };

export function runWithDeadline<T>(deadlineMs: number, work: () => T): Deadlined<T> {
  const global = globalThis as { __dockerfileHardeningDeadlineJob?: () => T };
  const previous = global.__dockerfileHardeningDeadlineJob;
  global.__dockerfileHardeningDeadlineJob = work;
  try {
    return { done: true, value: RUN.runInThisContext({ timeout: deadlineMs }) as T };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    resetShellParser();
    return { done: false };
  } finally {
    global.__dockerfileHardeningDeadlineJob = previous;
  }
}
