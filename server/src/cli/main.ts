/**
 * `dockerfile-hardening lint [paths…]`: the same engine as the editor, for terminals and CI.
 * Exit status: 0 when nothing reaches the failure threshold, 1 when something does, 2 for
 * usage or internal errors.
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { docsUrl, GROUPS, SEVERITIES, type Severity } from '../../../shared/ids';
import type { SeverityOverride } from '../../../shared/settings';
import { severityAtLeast } from '../engine/severity';
import { RULES } from '../rules';
import { ConfigResolver } from '../config/resolver';
import { matchesAny } from '../config/glob';
import { discover } from './discover';
import type { LintJob, LintOutcome } from '../runner/lintJob';
import { DEFAULT_DEADLINE_MS, DEFAULT_HEAP_MB, LintPool } from '../runner/lintPool';
import { threadCount } from './threads';
import { pinCommand } from './pinCommand';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import type { FileResult, SkippedFile } from './formats/types';
import { formatCheckstyle, formatJunit } from './formats/xml';
import { formatStylish } from './formats/stylish';
import { toReported, type ReportedFinding } from './report';

declare const VERSION: string;

const MAX_FILE_BYTES = 5 * 1024 * 1024;

const HELP = `Usage: dockerfile-hardening <command> [options]

Commands:
  lint [paths...]     Check Dockerfiles, compose files, dev containers, .dockerignore files, CI
                      pipelines and Kubernetes manifests. Folders are searched recursively;
                      "-" reads a Dockerfile from stdin.
  rules               List the rules with their group and default severity (--format json for tools).
  pin [paths...]      Pin base images (FROM, ARG defaults, # syntax=) by digest, in place.
                      --exact also moves floating tags to the exact version; --check only
                      reports what is unpinned (no network) and exits 1 if anything is.

Options for lint:
  -f, --format <name>     stylish (default), json, sarif, github, checkstyle or junit
      --fix               Apply safe fixes to the files, then report what is left
      --fail-on <level>   Lowest severity that makes the exit status 1: error, warning (default), info, hint
      --ignore <id>       Turn off a rule or a whole group (repeatable)
      --config <file>     Use this config file instead of the nearest .dockerfile-hardening.json
      --stdin-filename <name>  File name to report for "-"
      --jobs <n>          Threads to lint with (default: one per core but one, for large runs)
      --file-timeout <s>  Skip a file, saying so, when it takes longer than this (default 10)
  -h, --help              Show this help
  -v, --version           Print the version

Exit status: 0 nothing at or above --fail-on, 1 something is (or a file was skipped past
--file-timeout), 2 usage or internal error.
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'warning' },
        ignore: { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        check: { type: 'boolean', default: false },
        exact: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '10000' },
        'stdin-filename': { type: 'string', default: '<stdin>' },
        jobs: { type: 'string' },
        'file-timeout': { type: 'string', default: String(DEFAULT_DEADLINE_MS / 1000) },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  try {
    if (command === 'rules') return listRules(values.format === 'json');
    if (command === 'pin') {
      const timeoutMs = Number(values.timeout);
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes milliseconds');
      return await pinCommand(paths.length > 0 ? paths : ['.'], { check: values.check!, exact: values.exact!, timeoutMs }, (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`dockerfile-hardening: ${l}\n`));
    }
    if (command === 'lint') {
      return await lint(paths.length > 0 ? paths : ['.'], {
        format: values.format!,
        fix: values.fix!,
        failOn: values['fail-on']!,
        ignore: values.ignore!,
        stdinFilename: values['stdin-filename']!,
        config: values.config ?? null,
        jobs: values.jobs === undefined ? null : Number(values.jobs),
        fileTimeoutMs: Number(values['file-timeout']) * 1000,
      });
    }
    return usage(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    process.stderr.write(`dockerfile-hardening: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 2;
  }
}

interface LintFlags {
  format: string;
  fix: boolean;
  failOn: string;
  ignore: string[];
  stdinFilename: string;
  config: string | null;
  /** Threads (--jobs); null: decide by the number of files. */
  jobs: number | null;
  /** A file still linting after this long is skipped (--file-timeout, in seconds). */
  fileTimeoutMs: number;
}

async function lint(paths: string[], flags: LintFlags): Promise<number> {
  if (!FORMATS.includes(flags.format)) throw new UsageError(`unknown format "${flags.format}" (use ${FORMATS.join(', ')})`);
  if (!(SEVERITIES as readonly string[]).includes(flags.failOn)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}`);
  if (flags.jobs !== null && !(Number.isInteger(flags.jobs) && flags.jobs >= 1)) throw new UsageError('--jobs takes a whole number of threads, 1 or more');
  if (!(Number.isFinite(flags.fileTimeoutMs) && flags.fileTimeoutMs > 0)) throw new UsageError('--file-timeout takes a number of seconds greater than 0');
  for (const id of flags.ignore) {
    const known = RULES.some((r) => r.meta.id === id) || (GROUPS as readonly string[]).includes(id) || id.includes('*');
    if (!known) throw new UsageError(`--ignore: no rule or group is named "${id}"`);
  }
  const ignored: SeverityOverride[] = flags.ignore.map((rule) => ({ rule, severity: 'off' }));
  // One worker starts now (its engine loads while files are found and read); more once the count is known.
  const pool = new LintPool({ threads: 1, deadlineMs: flags.fileTimeoutMs, heapMb: DEFAULT_HEAP_MB });
  pool.warm(1);
  try {
    return await lintWith(pool, paths, flags, ignored);
  } finally {
    await pool.close();
  }
}

async function lintWith(pool: LintPool, paths: string[], flags: LintFlags, ignored: SeverityOverride[]): Promise<number> {
  const configs = new ConfigResolver(flags.config);
  if (flags.config && configs.explicitProblems.length > 0) throw new UsageError(configs.explicitProblems.join('; '));

  let internalError = false;
  let fixable = 0;
  const reportedProblems = new Set<string>();
  const inputs = await collectInputs(paths, flags.stdinFilename, (path) => configs.forFile(path).exclude);
  const progress = new Progress(inputs.files.length, process.stderr);
  for (const problem of inputs.problems) process.stderr.write(`dockerfile-hardening: ${problem}\n`);
  if (inputs.problems.some((p) => p.includes('no such file'))) internalError = true;

  const jobs: LintJob[] = [];
  const boms: boolean[] = [];
  for (const [index, input] of inputs.files.entries()) {
    const config = configs.forFile(input.path ?? join(process.cwd(), input.display));
    for (const problem of config.problems) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      process.stderr.write(`dockerfile-hardening: ${problem}\n`);
    }
    boms.push(input.text.startsWith('\uFEFF'));
    // Project config first, then the command line: --ignore always wins.
    const severityOverrides = [...config.severityOverrides, ...ignored];
    jobs.push({ path: input.path ?? null, display: input.display, text: boms[index] ? input.text.slice(1) : input.text, severityOverrides, trustedRegistries: config.trustedRegistries, fix: flags.fix && input.path !== null });
  }

  const outcomes: LintOutcome[] = new Array(jobs.length);
  pool.warm(flags.fix ? 1 : threadCount(jobs.length, flags.jobs));
  await pool.lintAll(jobs, (index, outcome) => {
    outcomes[index] = outcome;
    progress.tick();
  });
  progress.done();

  const results: FileResult[] = [];
  const skipped: SkippedFile[] = [];
  for (const [index, job] of jobs.entries()) {
    const outcome = outcomes[index];
    if (outcome.status !== 'done') {
      // A file past its budget is reported and the run goes on; a worker that died is the tool's failure.
      if (outcome.status === 'failed') internalError = true;
      process.stderr.write(`dockerfile-hardening: ${job.display}: ${outcome.status === 'failed' ? `internal error: ${outcome.reason}` : outcome.reason}\n`);
      skipped.push({ file: job.display, reason: outcome.reason });
      continue;
    }
    if (outcome.fixedText !== undefined && job.path && outcome.fixedText !== job.text) {
      await writeAtomically(job.path, (boms[index] ? '\uFEFF' : '') + outcome.fixedText);
    }
    for (const error of outcome.syntaxErrors) {
      process.stderr.write(`dockerfile-hardening: ${job.display}:${error.range.start.line + 1}:${error.range.start.character + 1}: ${error.message} (checked as far as it parses)\n`);
    }
    for (const error of outcome.internalErrors) {
      internalError = true;
      process.stderr.write(`dockerfile-hardening: ${job.display}: internal error in ${error}\n`);
    }
    results.push({ file: job.display, findings: outcome.findings });
    fixable += outcome.findings.filter((f) => f.fix?.safe).length;
  }

  const reported = results.flatMap((r) => r.findings.map((f) => toReported(r.file, f)));
  const color = flags.format === 'stylish' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const output = formatOutput(flags.format, results, reported, skipped, { color, fixableCount: flags.fix ? 0 : fixable });
  await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
  if (internalError) return 2;
  // A file that could not be checked fails the gate: a hostile or huge file must not pass CI unread.
  if (skipped.length > 0) return 1;
  return reported.some((f) => severityAtLeast(f.severity, flags.failOn as Severity)) ? 1 : 0;
}

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit'];

function formatOutput(format: string, results: FileResult[], reported: ReportedFinding[], skipped: SkippedFile[], stylish: { color: boolean; fixableCount: number }): string {
  switch (format) {
    case 'json':
      return formatJson(reported, skipped);
    case 'sarif':
      return formatSarif(results, RULES, process.cwd(), skipped);
    case 'github':
      return formatGithub(results, skipped);
    case 'checkstyle':
      return formatCheckstyle(results);
    case 'junit':
      return formatJunit(results);
    default:
      return formatStylish(reported, { ...stylish, skipped });
  }
}

/** "checked 120/2000 files" on stderr, only for long runs on a terminal (CI logs stay clean). */
class Progress {
  private count = 0;
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream) {
    this.enabled = stream.isTTY === true && total >= 50;
  }

  tick(): void {
    this.count++;
    const now = Date.now();
    if (!this.enabled || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.stream.write(`\rchecked ${this.count}/${this.total} files`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\u001b[K');
  }
}

interface Input {
  display: string;
  /** Null for stdin: nothing to write fixes back to. */
  path: string | null;
  text: string;
}

async function collectInputs(paths: string[], stdinFilename: string, excludesFor: (path: string) => string[]): Promise<{ files: Input[]; problems: string[] }> {
  const files: Input[] = [];
  const problems: string[] = [];
  const fromDisk = paths.filter((p) => p !== '-');
  if (fromDisk.length !== paths.length) files.push({ display: stdinFilename, path: null, text: await readStdin() });
  const found = await discover(fromDisk);
  problems.push(...found.problems);
  const named = new Set(paths);
  for (const path of found.files) {
    // Folders are searched; files named on the command line are always checked.
    if (!named.has(path) && matchesAny(resolve(path), excludesFor(resolve(path)))) continue;
    const display = relative(process.cwd(), path).split(sep).join('/') || path;
    // Read synchronously: nothing else runs meanwhile, and one await per file was a thread-pool
    // round trip each (a third of a second of idle time over the corpus).
    try {
      const stat = statSync(path);
      if (stat.size > MAX_FILE_BYTES) {
        problems.push(`${display}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      const buffer = readFileSync(path);
      if (buffer.includes(0)) {
        problems.push(`${display}: skipped, binary content (NUL bytes)`);
        continue;
      }
      files.push({ display, path, text: buffer.toString('utf8') });
    } catch (error) {
      problems.push(`${display}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return { files, problems };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes next to the file and renames, so an interrupted run never leaves half a Dockerfile. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.dockerfile-hardening-${process.pid}.tmp`;
  const { mode } = await fs.stat(path);
  await fs.writeFile(temp, text, { mode });
  await fs.rename(temp, path);
}

function listRules(json: boolean): number {
  if (json) {
    const rules = RULES.map((r) => ({ id: r.meta.id, group: r.meta.group, severity: r.meta.severity, fix: r.meta.fix, description: r.meta.description, docs: docsUrl(r.meta.id), peers: r.meta.peers ?? {} }));
    process.stdout.write(`${JSON.stringify({ rules }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  for (const rule of RULES) {
    process.stdout.write(`${rule.meta.id.padEnd(width)}  ${rule.meta.group.padEnd(16)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}\n`);
  }
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`dockerfile-hardening: ${message}\nRun "dockerfile-hardening --help" for usage.\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dockerfile-hardening: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
