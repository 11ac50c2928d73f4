/**
 * `dockerfile-hardening lint [paths…]`: the same engine as the editor, for terminals and CI.
 * Exit status: 0 when nothing reaches the failure threshold, 1 when something does (or a file
 * could not be checked), 2 for usage or internal errors.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { GROUPS, SEVERITIES, type Severity } from '../../../shared/ids';
import type { SeverityOverride } from '../../../shared/settings';
import { matchesAny } from '../config/glob';
import { ConfigResolver } from '../config/resolver';
import { RoleFactsSource } from '../config/roleFacts';
import { fileKindOf } from '../engine/fileKinds';
import { applyEdits, SourceText } from '../engine/sourceText';
import type { Finding } from '../engine/types';
import { linter } from '../defaultLinter';
import { initEngine } from '../engine/linter';
import { severityAtLeast } from '../engine/severity';
import { discover, type FileProblem } from '../files/discover';
import { readCheckedFileSync } from '../files/readChecked';
import type { LintJob, LintOutcome } from '../runner/lintJob';
import { DEFAULT_DEADLINE_MS, DEFAULT_HEAP_MB, LintPool } from '../runner/lintPool';
import { FORMAT_NAMES, FORMATS, isFormatName, type FormatName } from './formats';
import type { FileResult, SkippedFile } from './formats/types';
import { toReported } from './report';
import { threadCount } from './threads';
import { baselineEntries, compareWithBaseline, fingerprints, readBaseline, writeBaseline } from './baseline';
import { unifiedDiff } from './unifiedDiff';
import { UsageError } from './usage';

/** `--format diff`: the safe fixes as a unified diff (`git apply`), with `--fix --dry-run`. */
const DIFF = 'diff';

/** `lint`'s options and only those: another command's option is an error here, not ignored. */
export function parseLintArgs(args: string[]): { paths: string[]; flags: LintFlags; help: boolean } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      suggestions: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'fail-on': { type: 'string', default: 'warning' },
      ignore: { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
      'stdin-filename': { type: 'string', default: '<stdin>' },
      jobs: { type: 'string' },
      'file-timeout': { type: 'string', default: String(DEFAULT_DEADLINE_MS / 1000) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    help: values.help!,
    flags: {
      format: values.format!,
      fix: values.fix!,
      dryRun: values['dry-run']!,
      suggestions: values.suggestions!,
      baseline: values.baseline ?? null,
      writeBaseline: values['write-baseline'] ?? null,
      failOn: values['fail-on']!,
      ignore: values.ignore!,
      stdinFilename: values['stdin-filename']!,
      config: values.config ?? null,
      jobs: values.jobs === undefined ? null : Number(values.jobs),
      fileTimeoutMs: Number(values['file-timeout']) * 1000,
    },
  };
}

export interface LintFlags {
  format: string;
  fix: boolean;
  /** With --fix: compute the fixes, write nothing (with --format diff, print them as a unified diff). */
  dryRun: boolean;
  /** With --format diff: each suggestion too, as its own patch, marked for review. */
  suggestions: boolean;
  /** Report and gate only findings that are not in this baseline file. */
  baseline: string | null;
  /** Record every finding of this run in this baseline file. */
  writeBaseline: string | null;
  failOn: string;
  ignore: string[];
  stdinFilename: string;
  config: string | null;
  /** Threads (--jobs); null: decide by the number of files. */
  jobs: number | null;
  /** A file still linting after this long is skipped (--file-timeout, in seconds). */
  fileTimeoutMs: number;
}

export async function lint(paths: string[], flags: LintFlags): Promise<number> {
  if (flags.format === DIFF) {
    if (!flags.fix || !flags.dryRun) throw new UsageError('--format diff shows the fixes without writing them: use it with --fix --dry-run');
  } else if (!isFormatName(flags.format)) throw new UsageError(`unknown format "${flags.format}" (use ${FORMAT_NAMES.join(', ')}, or ${DIFF} with --fix --dry-run)`);
  if (flags.dryRun && !flags.fix) throw new UsageError('--dry-run only makes sense with --fix');
  if (flags.suggestions && flags.format !== DIFF) throw new UsageError('--suggestions shows suggestions as patches: use it with --fix --dry-run --format diff');
  if (!(SEVERITIES as readonly string[]).includes(flags.failOn)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}`);
  if (flags.jobs !== null && !(Number.isInteger(flags.jobs) && flags.jobs >= 1)) throw new UsageError('--jobs takes a whole number of threads, 1 or more');
  if (!(Number.isFinite(flags.fileTimeoutMs) && flags.fileTimeoutMs > 0)) throw new UsageError('--file-timeout takes a number of seconds greater than 0');
  for (const id of flags.ignore) {
    const known = linter.rules.some((r) => r.meta.id === id) || (GROUPS as readonly string[]).includes(id) || id.includes('*');
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
  const baseline = flags.baseline ? readBaseline(flags.baseline) : null;
  const configs = new ConfigResolver(flags.config);
  if (flags.config && configs.explicitProblems.length > 0) throw new UsageError(configs.explicitProblems.join('; '));

  let internalError = false;
  let fixable = 0;
  const reportedProblems = new Set<string>();
  // The role facts below read the pipelines that build each Dockerfile, and a pipeline's `run:`
  // scripts go through the shell parser: it loads while the files are found and read.
  const shellParserReady = initEngine();
  const inputs = await collectInputs(paths, flags.stdinFilename, (path) => configs.forFile(path).exclude);
  const progress = new Progress(inputs.files.length, process.stderr);
  for (const problem of inputs.problems) process.stderr.write(`dockerfile-hardening: ${problem.message}\n`);
  // A path that does not exist is a mistake on the command line (exit status 2).
  if (inputs.problems.some((p) => p.kind === 'missing')) internalError = true;

  const jobs: LintJob[] = [];
  const boms: boolean[] = [];
  // Folder arguments outside the working folder are start folders too: a file there that is in no
  // git repository is judged by its path from the folder named, not from its own folder only.
  await shellParserReady;
  const roles = new RoleFactsSource([process.cwd(), ...paths.filter((p) => p !== '-').map((p) => resolve(p))]);
  roles.setDockerfiles(inputs.files.filter((i) => i.path && fileKindOf(i.path) === 'dockerfile').map((i) => ({ path: i.path!, text: i.text })));
  for (const input of inputs.files) {
    const config = configs.forFile(input.path ?? join(process.cwd(), input.display));
    for (const problem of config.problems) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      process.stderr.write(`dockerfile-hardening: ${problem}\n`);
    }
    boms.push(input.bom);
    // Project config first, then the command line: --ignore always wins.
    const severityOverrides = [...config.severityOverrides, ...ignored];
    jobs.push({
      path: input.path ?? null,
      display: input.display,
      text: input.text,
      severityOverrides,
      trustedRegistries: config.trustedRegistries,
      // A dry run shows fixes for stdin too: nothing is written.
      fix: flags.fix && (input.path !== null || flags.dryRun),
      roleFacts: input.path ? (fileKindOf(input.path) === 'dockerfile' ? roles.factsFor(input.path, config.roles) : roles.documentFactsFor(input.path, config.roles)) : null,
    });
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
  let diff = '';
  let suggested = '';
  const wantsFingerprints = baseline !== null || flags.writeBaseline !== null || flags.format === 'sarif';
  for (const [index, job] of jobs.entries()) {
    const outcome = outcomes[index];
    if (outcome.status !== 'done') {
      // A file past its budget is reported and the run goes on; a worker that died is the tool's failure.
      if (outcome.status === 'failed') internalError = true;
      process.stderr.write(`dockerfile-hardening: ${job.display}: ${outcome.status === 'failed' ? `internal error: ${outcome.reason}` : outcome.reason}\n`);
      skipped.push({ file: job.display, reason: outcome.reason });
      continue;
    }
    if (outcome.fixedText !== undefined && outcome.fixedText !== job.text) {
      const bom = boms[index] ? '\uFEFF' : '';
      if (flags.dryRun) diff += unifiedDiff(job.display, bom + job.text, bom + outcome.fixedText);
      else if (job.path) await writeAtomically(job.path, bom + outcome.fixedText);
    }
    if (flags.suggestions) suggested += suggestionPatches(job.display, (boms[index] ? '\uFEFF' : '') + (outcome.fixedText ?? job.text), outcome.findings, paths);
    for (const error of outcome.syntaxErrors) {
      process.stderr.write(`dockerfile-hardening: ${job.display}:${error.range.start.line + 1}:${error.range.start.character + 1}: ${error.message} (checked as far as it parses)\n`);
    }
    for (const error of outcome.internalErrors) {
      internalError = true;
      process.stderr.write(`dockerfile-hardening: ${job.display}: internal error in ${error}\n`);
    }
    // Fingerprints only where they are read: a baseline, or SARIF for code scanning.
    const prints = wantsFingerprints ? fingerprints(job.display, outcome.fixedText ?? job.text, outcome.findings, fileKindOf(job.path ?? job.display) === 'dockerfile') : undefined;
    results.push({ file: job.display, ...(job.path ? { path: resolve(job.path) } : {}), findings: outcome.findings, ...(prints ? { fingerprints: prints } : {}) });
    fixable += outcome.findings.filter((f) => f.fix).length;
  }

  if (flags.format === DIFF) {
    // The change to review, and whether there was one: 1 when something would be fixed.
    await new Promise<void>((resolve) => process.stdout.write(diff + suggested, () => resolve()));
    return internalError ? 2 : diff === '' && suggested === '' ? 0 : 1;
  }
  if (flags.writeBaseline) {
    const entries = baselineEntries(results);
    writeBaseline(flags.writeBaseline, entries);
    process.stderr.write(`dockerfile-hardening: wrote ${entries.length} finding${entries.length === 1 ? '' : 's'} to the baseline ${flags.writeBaseline}\n`);
  }
  // With a baseline, what is known is left out of the report and the gate (SARIF shows it as unchanged).
  const absent = baseline ? compareWithBaseline(results, baseline) : [];
  if (baseline && absent.length > 0) {
    process.stderr.write(
      `dockerfile-hardening: ${absent.length} baseline entr${absent.length === 1 ? 'y no longer matches' : 'ies no longer match'} a finding (fixed, or its line changed): rewrite the baseline with --write-baseline\n`,
    );
  }
  const isNew = (r: FileResult, i: number) => !r.baselineStates || r.baselineStates[i] === 'new';
  const reported = results.flatMap((r) => r.findings.filter((_, i) => isNew(r, i)).map((f) => toReported(r.file, f)));
  // SARIF carries every finding with its state; the other formats show the new ones only.
  const shown =
    baseline && flags.format !== 'sarif'
      ? results.map((r) => ({ ...r, findings: r.findings.filter((_, i) => isNew(r, i)), fingerprints: r.fingerprints?.filter((_, i) => isNew(r, i)), baselineStates: undefined }))
      : results;
  const color = flags.format === 'stylish' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const width = process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : undefined;
  // Fixes on offer among what is reported (a baseline's findings are not counted).
  const offered = baseline ? results.reduce((n, r) => n + r.findings.filter((f, i) => isNew(r, i) && f.fix).length, 0) : fixable;
  const output = FORMATS[flags.format as FormatName]({ results: shown, reported, skipped, rules: linter.rules, cwd: process.cwd(), color, fixableCount: flags.fix ? 0 : offered, width, absent });
  await new Promise<void>((resolve) => process.stdout.write(output, () => resolve()));
  if (internalError) return 2;
  // A file that could not be checked fails the gate: a hostile or huge file must not pass CI unread.
  if (skipped.length > 0) return 1;
  // Writing a baseline records today's findings: the run that does it passes.
  if (flags.writeBaseline) return 0;
  return reported.some((f) => severityAtLeast(f.severity, flags.failOn as Severity)) ? 1 : 0;
}

/** "checked 120/2000 files" on stderr, only for long runs on a terminal (CI logs stay clean). */
class Progress {
  private count = 0;
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
  ) {
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
  /** The file began with a byte-order mark (taken off; put back when fixes are written). */
  bom: boolean;
}

async function collectInputs(paths: string[], stdinFilename: string, excludesFor: (path: string) => string[]): Promise<{ files: Input[]; problems: FileProblem[] }> {
  const files: Input[] = [];
  const problems: FileProblem[] = [];
  const fromDisk = paths.filter((p) => p !== '-');
  if (fromDisk.length !== paths.length) {
    const text = await readStdin();
    files.push({ display: stdinFilename, path: null, text: text.replace(/^\uFEFF/, ''), bom: text.startsWith('\uFEFF') });
  }
  const found = await discover(fromDisk);
  problems.push(...found.problems);
  const named = new Set(paths);
  for (const path of found.files) {
    // Folders are searched; files named on the command line are always checked.
    if (!named.has(path) && matchesAny(resolve(path), excludesFor(resolve(path)))) continue;
    const display = displayPath(path, fromDisk);
    const read = readCheckedFileSync(path, display);
    if (read.ok) files.push({ display, path, text: read.text, bom: read.bom });
    else problems.push(read.problem);
  }
  return { files, problems };
}

/**
 * Each suggestion as a patch of its own, after the safe fixes (the text the findings were made
 * on), under a `#` line that says what it is: they are alternatives to choose from, not one change.
 */
function suggestionPatches(display: string, text: string, findings: readonly Finding[], args: readonly string[]): string {
  let out = '';
  const source = new SourceText(text);
  for (const finding of findings) {
    for (const suggestion of finding.suggestions ?? []) {
      let patch = suggestion.edits.length > 0 ? unifiedDiff(display, text, applyEdits(source, suggestion.edits)) : '';
      for (const other of suggestion.otherFiles ?? []) {
        const before = other.create || !existsSync(other.path) ? '' : readFileSync(other.path, 'utf8');
        patch += unifiedDiff(displayPath(other.path, args), before, applyEdits(new SourceText(before), other.edits), { created: before === '' && other.create });
      }
      if (patch !== '') out += `# suggestion, review before applying: ${display}:${finding.range.start.line + 1} ${finding.ruleId}: ${suggestion.title}\n${patch}`;
    }
  }
  return out;
}

/**
 * How a file is named in the output: relative to the working folder when it is under it; else
 * relative to the folder argument it was found in (`lint ../corpus` prints `app/Dockerfile`, not
 * `../corpus/app/Dockerfile`); else as given.
 */
function displayPath(path: string, args: readonly string[]): string {
  const fromCwd = relative(process.cwd(), path);
  if (fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd)) return fromCwd.split(sep).join('/');
  const absolute = resolve(path);
  const folder = args
    .map((a) => resolve(a))
    .filter((a) => absolute.startsWith(a + sep))
    .sort((a, b) => b.length - a.length)[0];
  return folder ? relative(folder, absolute).split(sep).join('/') : path;
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
