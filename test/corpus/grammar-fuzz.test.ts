/**
 * Grammar-aware fuzzing (grammars.ts) through the lint workers the CLI uses: every generated input
 * must be finished within the per-file deadline, with no crash and no internal error. 1,000
 * inputs per file kind in `npm test`; 100,000 per kind with DFH_LONG=1 (CI's long run).
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_DEADLINE_MS, DEFAULT_HEAP_MB, LintPool } from '../../server/src/runner/lintPool';
import type { LintJob } from '../../server/src/runner/lintJob';
import { corpusAvailable, corpusFiles, LONG } from './corpus';
import { GRAMMARS, generated } from './grammars';
import { prng } from './mutate';

// DFH_FUZZ_PER_KIND sets the long run's size (CI's run uses 40,000 to keep the whole run short).
const PER_KIND = LONG ? Number(process.env.DFH_FUZZ_PER_KIND ?? 100_000) : 1_000;
const CHUNK = 256;

describe('grammar-aware fuzzing', () => {
  // The build's worker bundle (npm test builds first): what the CLI runs, without tsx's overhead.
  // One worker per core but one, as the CLI does: on two cores two workers were 1.7 times slower.
  const pool = new LintPool({
    threads: Math.max(1, availableParallelism() - 1),
    deadlineMs: DEFAULT_DEADLINE_MS,
    heapMb: DEFAULT_HEAP_MB,
    workerBundle: join(__dirname, '..', '..', 'dist', 'lint-worker.js'),
  });
  after(() => pool.close());

  for (const grammar of GRAMMARS) {
    it(`${PER_KIND.toLocaleString('en')} generated ${grammar.kind} inputs: each within the deadline, no crash, no internal error`, async () => {
      const corpus = corpusAvailable() ? corpusFiles(grammar.kind, 50).map((f) => f.text) : [];
      const seed = 7 + GRAMMARS.indexOf(grammar);
      const random = prng(seed);
      const problems: string[] = [];
      let maxMs = 0;
      let slowest = -1;
      let bytes = 0;
      let workerMs = 0;
      for (let start = 0; start < PER_KIND; start += CHUNK) {
        const jobs: LintJob[] = [];
        for (let i = start; i < Math.min(PER_KIND, start + CHUNK); i++) {
          const text = generated(grammar, random, corpus);
          bytes += text.length;
          jobs.push({ path: null, display: grammar.path, text, severityOverrides: [], trustedRegistries: null, fix: i % 8 === 0 });
        }
        await pool.lintAll(jobs, (index, outcome) => {
          const id = `${grammar.kind} #${start + index} (seed ${seed})`;
          if (outcome.status !== 'done') problems.push(`${id}: ${outcome.reason}`);
          else {
            if (outcome.internalErrors.length > 0) problems.push(`${id}: ${outcome.internalErrors.join('; ')}`);
            workerMs += outcome.elapsedMs ?? 0;
            if ((outcome.elapsedMs ?? 0) > maxMs) {
              maxMs = outcome.elapsedMs ?? 0;
              slowest = start + index;
            }
          }
        });
      }
      console.log(
        `grammar fuzz: ${PER_KIND} ${grammar.kind} inputs (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${(workerMs / PER_KIND).toFixed(2)} ms each on average), slowest ${maxMs.toFixed(0)} ms (#${slowest}), ${problems.length} problems`,
      );
      assert.deepEqual(problems.slice(0, 20), []);
    });
  }
});
