#!/usr/bin/env node
// `npm run bench`: speed and size of dockerfile-hardening next to its peers, measured side by
// side in one run on ../shared/corpus, a synthetic 1,000-line Dockerfile and a synthetic
// 10,000-file workspace. Prints one table of medians and ratios. Absolute times vary by machine;
// compare the ratios. BENCH_RUNS sets the number of runs (default 5).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { editorBenchAvailable, measureActivation } from './editorActivation.mjs';
import { measureLsp, measureWorkspaceScan } from './lspLatency.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'dfh-bench-'));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;
const x = (a, b) => `${(a / b).toFixed(2)}×`;

/** Runs a command, polling /proc for its peak resident memory (VmHWM). */
function measure(command, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: ROOT });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch {
        /* exited */
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ wall: performance.now() - started, peakMb: peak / 1024, code, stderr });
    });
  });
}

async function medianOf(command, args) {
  await measure(command, args); // warm-up (page cache, V8 code cache)
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(command, args));
  return { wall: median(runs.map((r) => r.wall)), peakMb: median(runs.map((r) => r.peakMb)), code: runs[0].code };
}

console.error('building…');
spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
await esbuild.build({
  entryPoints: [join(ROOT, 'bench', 'inProcess.ts')],
  outfile: join(work, 'inProcess.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  logLevel: 'warning',
  define: { VERSION: '"bench"' },
});

// Corpus Dockerfiles, and the ones dockerfilelint does not crash on (its CLI aborts at the first).
const files = readFileSync(join(CORPUS, 'index.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'))
  .filter((r) => r[1] === 'dockerfile')
  .map((r) => join(CORPUS, r[0]));
const dockerfilelint = require('dockerfilelint');
const safe = files.filter((f) => {
  try {
    dockerfilelint.run('.', readFileSync(f, 'utf8'));
    return true;
  } catch {
    return false;
  }
});
writeFileSync(join(work, 'files.txt'), files.join('\n'));

console.error(`in-process timings over ${files.length} files…`);
const inProcess = JSON.parse(spawnSync(process.execPath, [join(work, 'inProcess.js'), join(work, 'files.txt'), String(RUNS), join(ROOT, 'dist')], { encoding: 'utf8', maxBuffer: 1e8 }).stdout);

console.error('whole-process runs…');
// One thread, and worker threads; the CLI's default (server/src/cli/parallel.ts threadCount) is
// one per core but one, and a single thread below four cores.
const workerThreads = Math.max(2, availableParallelism() - 1);
const defaultThreads = availableParallelism() >= 4 ? workerThreads : 1;
const oursOneThread = await medianOf(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', '--jobs', '1', ...safe]);
const oursThreads = await medianOf(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', '--jobs', String(workerThreads), ...safe]);
const theirs = await medianOf(process.execPath, [require.resolve('dockerfilelint/bin/dockerfilelint'), '-j', ...safe]);

console.error('synthetic 10,000-file workspace…');
const workspace = join(work, 'workspace');
for (let i = 0; i < 10_000; i++) {
  const dir = join(workspace, `pkg${i % 100}`, `mod${Math.floor(i / 100) % 10}`);
  mkdirSync(dir, { recursive: true });
  // Every Dockerfile in a folder of its own, so exactly 500 distinct files exist.
  if (i % 20 === 0) {
    mkdirSync(join(dir, `svc${i}`), { recursive: true });
    writeFileSync(join(dir, `svc${i}`, i % 40 === 0 ? 'Dockerfile' : `api.Dockerfile`), readFileSync(files[i % files.length]));
  } else writeFileSync(join(dir, `file${i}.${['js', 'md', 'json', 'py'][i % 4]}`), `// file ${i}\n`);
}
const scan = await medianOf(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', workspace]);
const serverScan = await measureWorkspaceScan(join(ROOT, 'dist', 'server.js'), workspace, 500);
const ruleCount = JSON.parse(spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'rules', '--format', 'json'], { encoding: 'utf8' }).stdout).rules.length;

console.error('language server latency…');
const typicalPath = [...files].sort((a, b) => statSync(a).size - statSync(b).size)[Math.floor(files.length / 2)];
const typical = await measureLsp(join(ROOT, 'dist', 'server.js'), readFileSync(typicalPath, 'utf8'), 200);
const syntheticText = readFileSync(join(ROOT, 'bench', 'synthetic-1000.Dockerfile'), 'utf8');
const synthetic = await measureLsp(join(ROOT, 'dist', 'server.js'), syntheticText, 200);
// The editor's default: editor features on, so Docker syntax errors (dockerfile-utils) too.
const syntheticWithSyntax = await measureLsp(join(ROOT, 'dist', 'server.js'), syntheticText, 200, { editorFeatures: true });

console.error('packaging…');
const vsix = join(work, 'x.vsix');
spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: 'ignore' });
const vsixKb = statSync(vsix).size / 1024;

console.error('activation in code-server…');
const editor = editorBenchAvailable() ? await measureActivation(vsix) : null;

const c = inProcess.corpus;
const mb = c.bytes / 1e6;
const rows = [
  ['**Corpus, in one process**', `${c.files} Dockerfiles, ${mb.toFixed(2)} MB`, '', ''],
  ['dockerfile-ast parse only, as published (floor)', ms(c.parse), '1.00×', ''],
  ['… with the arguments the engine remembers (engine/dockerfile/argumentMemo.ts)', ms(c.parseRemembered), x(c.parseRemembered, c.parse), ''],
  [`dockerfile-hardening engine (${ruleCount} rules, shell parsing)`, ms(c.hardening), x(c.hardening, c.parse), 'within 3× of the floor'],
  ['dockerfile-utils validate', ms(c.dockerfileUtils), x(c.dockerfileUtils, c.parse), ''],
  [`dockerfilelint run (${c.dockerfilelintCrashes} files throw)`, ms(c.dockerfilelint), x(c.dockerfilelint, c.parse), ''],
  ['**Corpus, whole CLI process**', `${safe.length} files dockerfilelint survives`, '', ''],
  ...[
    [1, oursOneThread],
    [workerThreads, oursThreads],
  ].map(([threads, run]) => [
    `dockerfile-hardening lint --format json --jobs ${threads}${threads === defaultThreads ? ` (the default on ${availableParallelism()} cores)` : ''}`,
    `${ms(run.wall)}, ${run.peakMb.toFixed(0)} MiB`,
    x(run.wall, theirs.wall),
    threads === defaultThreads ? '≥2× faster than dockerfilelint' : '',
  ]),
  ['dockerfilelint -j', `${ms(theirs.wall)}, ${theirs.peakMb.toFixed(0)} MiB`, '1.00×', ''],
  ['**Synthetic 1,000-line Dockerfile**', '', '', ''],
  ['engine, one lint', ms(inProcess.synthetic.hardening), x(inProcess.synthetic.hardening, inProcess.synthetic.parse), 'vs its parse'],
  ['didChange → diagnostics p50 / p95', `${typical.p50.toFixed(1)} / ${typical.p95.toFixed(1)} ms (typical file)`, '', ''],
  ['didChange → diagnostics p50 / p95', `${synthetic.p50.toFixed(1)} / ${synthetic.p95.toFixed(1)} ms (1,000 lines)`, '', 'p95 < 15 ms'],
  ['… with Docker syntax errors too (editor default)', `${syntheticWithSyntax.p50.toFixed(1)} / ${syntheticWithSyntax.p95.toFixed(1)} ms (1,000 lines)`, '', 'p95 < 15 ms'],
  ['… first 20 keystrokes after start-up (JIT cold), p50 / max', `${synthetic.first20.p50.toFixed(1)} / ${synthetic.first20.max.toFixed(1)} ms (1,000 lines)`, '', ''],
  ['**Workspace of 10,000 files (500 Dockerfiles)**', '', '', ''],
  ['language server workspace scan', `${ms(serverScan.ms)}, ${serverScan.peakMb.toFixed(0)} MiB (${serverScan.files} files published)`, '', '< 10 s, server < 250 MB'],
  ['CLI lint of the folder', `${ms(scan.wall)}, ${scan.peakMb.toFixed(0)} MiB`, '', ''],
  ['**Editor**', '', '', ''],
  ...(editor
    ? [
        [`extension activation (VS Code's own figure, code-server, median of ${editor.windows} windows)`, ms(editor.activationMs), '', ''],
        ['Dockerfile editor shown → first squiggle (new window)', ms(editor.firstSquiggleMs), '', ''],
      ]
    : [['extension activation', 'not measured: run test/e2e/install.sh (code-server) first', '', '']]),
  ['server start → initialize answered', ms(synthetic.initializeMs), '', ''],
  ['server peak memory after 250 edits of 1,000 lines', `${synthetic.peakRssMb.toFixed(0)} MiB`, '', ''],
  ['.vsix size', `${vsixKb.toFixed(0)} KiB`, '', '< 1 MB'],
];
console.log(`\nMedians of ${RUNS} runs, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`);
console.log('| measure | value | ratio | target |\n|---|---:|---:|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
rmSync(work, { recursive: true, force: true });
