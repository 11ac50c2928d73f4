/**
 * In-process timings for the benchmark (bundled by bench/run.mjs): the same corpus files
 * through dockerfile-ast alone (the floor), dockerfile-utils, dockerfilelint and our engine,
 * medians of several runs after a warm-up. Prints JSON for bench/run.mjs to tabulate.
 *
 * The engine remembers dockerfile-ast's instruction arguments by patching its prototype
 * (engine/dockerfile/argumentMemo.ts), which would speed up dockerfile-utils and the floor too: they are
 * measured first, as published, and the engine is loaded only after (a dynamic import, which the
 * bundle evaluates lazily).
 */
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

const dockerfilelint = require('dockerfilelint') as { run: (dir: string, content: string) => unknown };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => void): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

if (require.main === module)
  (async () => {
    const [listFile, runsArg, wasmDir] = process.argv.slice(2);
    const runs = Number(runsArg);
    const texts = readFileSync(listFile, 'utf8')
      .trim()
      .split('\n')
      .map((p) => readFileSync(p, 'utf8'));
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const big = synthetic(1000);
    let crashes = 0;
    // Before the engine is loaded: dockerfile-ast and the peers as published.
    const parse = time(runs, () => texts.forEach((t) => DockerfileParser.parse(t)));
    const bigParse = time(runs * 4, () => DockerfileParser.parse(big));
    const dockerfileUtils = time(runs, () => texts.forEach((t) => validate(t)));
    const dockerfilelintMs = time(runs, () => {
      crashes = 0;
      for (const t of texts) {
        try {
          dockerfilelint.run('.', t);
        } catch {
          crashes++;
        }
      }
    });
    const { initEngine } = await import('../server/src/engine/linter');
    const { linter } = await import('../server/src/defaultLinter');
    await initEngine(wasmDir);
    const result = {
      files: texts.length,
      bytes,
      parse,
      parseRemembered: time(runs, () => texts.forEach((t) => DockerfileParser.parse(t))),
      dockerfileUtils,
      dockerfilelint: dockerfilelintMs,
      dockerfilelintCrashes: crashes,
      hardening: time(runs, () => texts.forEach((t) => linter.lintDockerfile(t))),
    };
    // The synthetic 1,000-line Dockerfile.
    const bigResult = { lines: big.split('\n').length, hardening: time(runs * 4, () => linter.lintDockerfile(big)), parse: bigParse };
    process.stdout.write(JSON.stringify({ corpus: result, synthetic: bigResult }));
  })();

/** A realistic long Dockerfile: several stages of installs, copies, env and runs. */
export function synthetic(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG NODE=22.4.1'];
  let stage = 0;
  while (out.length < lines) {
    out.push(`FROM node:\${NODE}-slim AS stage${stage}`, 'WORKDIR /app', 'ENV NODE_ENV=production PORT=3000');
    out.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl ca-certificates \\', '    && rm -rf /var/lib/apt/lists/*');
    out.push('COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'RUN npm run build && chmod 755 dist');
    out.push('EXPOSE 3000', 'USER node', 'HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]', 'CMD ["node", "dist/main.js"]');
    stage++;
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
