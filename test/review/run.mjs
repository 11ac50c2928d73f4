#!/usr/bin/env node
// The review loop (issue 13): re-runs the CLI on real repositories a reviewer judged finding by
// finding, and prints per rule how many of today's findings are true, false, noise or not yet
// reviewed, next to the reviewed run. A reviewed true finding that is no longer reported is listed:
// the noise must go, the true findings must stay.
//
// The repositories are not in this repository: export each one (git archive of the commit in its
// review file) to $DFH_REVIEW_ROOT/<owner>__<name> (default ../review, next to ../shared). Those
// that are not there are skipped, saying so; CI cannot fetch them.
//
// Findings are matched to verdicts by file, rule and a hash of the source line they start on, so a
// line moved by an unrelated change keeps its verdict. Each review file belongs to a set: "tuning"
// (repositories the rules were tuned on) or "holdout" (judged only, never tuned on); each set gets
// its own table. A holdout entry's `before` is the verdict on an older version's run (null: that
// version did not report it). `node test/review/run.mjs [--verbose]`
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const reviewRoot = resolve(process.env.DFH_REVIEW_ROOT ?? join(repo, '..', 'review'));
const cli = join(repo, 'dist', 'cli.js');
const verbose = process.argv.includes('--verbose');
const VERDICTS = ['true', 'false', 'noise'];
const LOUD = new Set(['error', 'warning']);

const lineHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const key = (file, rule, hash) => `${file}\u0000${rule}\u0000${hash}`;

function lintExport(folder) {
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // Exit status 1 means findings; the JSON is on stdout all the same.
    stdout = error.stdout;
  }
  return JSON.parse(stdout).findings;
}

function sourceLine(folder, file, line, cache) {
  if (!cache.has(file)) cache.set(file, readFileSync(join(folder, file), 'utf8').split(/\r?\n/));
  return (cache.get(file)[line - 1] ?? '').trim();
}

function newTally() {
  return { table: new Map(), lost: [], unreviewed: [], judged: [], checked: 0 };
}
function row(tally, rule) {
  if (!tally.table.has(rule)) tally.table.set(rule, { before: { true: 0, false: 0, noise: 0 }, now: { true: 0, false: 0, noise: 0, unreviewed: 0 }, loudNoise: 0 });
  return tally.table.get(rule);
}
/** The verdict on the earlier run: the entry's own (tuning files) or its `before` (holdout files). */
const earlier = (entry) => ('before' in entry ? entry.before : entry);

const sets = new Map();
for (const name of readdirSync(here)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const review = JSON.parse(readFileSync(join(here, name), 'utf8'));
  const set = review.set ?? 'tuning';
  if (!sets.has(set)) sets.set(set, newTally());
  const tally = sets.get(set);
  const folder = join(reviewRoot, name.replace(/\.json$/, ''));
  if (!existsSync(folder)) {
    console.log(`skipped ${review.repository}: not exported to ${folder} (git archive of ${review.commit})`);
    continue;
  }
  tally.checked++;
  const pending = new Map();
  for (const entry of review.findings) {
    const before = earlier(entry);
    if (before) row(tally, entry.rule).before[before.verdict]++;
    const k = key(entry.file, entry.rule, entry.lineHash);
    pending.set(k, [...(pending.get(k) ?? []), entry]);
  }
  const lines = new Map();
  const reportedIn = new Set();
  for (const finding of lintExport(folder)) {
    reportedIn.add(`${finding.file}\u0000${finding.rule}`);
    const k = key(finding.file, finding.rule, lineHash(sourceLine(folder, finding.file, finding.line, lines)));
    // Identical lines in one file (the same apt line in several stages): the nearest one's verdict.
    const candidates = pending.get(k) ?? [];
    const nearest = candidates.reduce((best, e, i) => (best < 0 || Math.abs(e.line - finding.line) < Math.abs(candidates[best].line - finding.line) ? i : best), -1);
    const entry = nearest >= 0 ? candidates.splice(nearest, 1)[0] : undefined;
    const r = row(tally, finding.rule);
    const where = `${review.repository} ${finding.file}:${finding.line} ${finding.rule} (${finding.severity}${finding.role ? `, ${finding.role}` : ''})`;
    if (!entry) {
      r.now.unreviewed++;
      tally.unreviewed.push(`${where}: ${finding.message}`);
      continue;
    }
    r.now[entry.verdict]++;
    if (entry.verdict !== 'true') tally.judged.push(`${entry.verdict.padEnd(5)} ${where}: ${entry.why}`);
    if (entry.verdict === 'noise' && LOUD.has(finding.severity)) r.loudNoise++;
  }
  // One finding per pipeline replaced one per push step: a true finding still counts as kept when
  // the rule still reports in that file.
  for (const entries of pending.values())
    for (const entry of entries)
      if (earlier(entry)?.verdict === 'true' && !reportedIn.has(`${entry.file}\u0000${entry.rule}`)) tally.lost.push(`${review.repository} ${entry.file}:${entry.line} ${entry.rule}: ${entry.why}`);
}

const pct = (n, d) => (d === 0 ? '0%' : `${((100 * n) / d).toFixed(1)}%`);
for (const [set, tally] of [...sets].sort(([a], [b]) => b.localeCompare(a))) {
  if (tally.checked === 0) {
    console.log(`\n${set}: no reviewed repository is exported here, nothing to compare`);
    continue;
  }
  const sum = (pick) => [...tally.table.values()].reduce((n, r) => n + pick(r), 0);
  const cells = (c, keys) => keys.map((k) => String(c[k]).padStart(3)).join(' ');
  console.log(`\n${set} set, ${tally.checked} repositories`);
  console.log(`${'rule'.padEnd(26)}  before: true false noise   now: true false noise unreviewed   noise at warning+`);
  for (const [rule, r] of [...tally.table].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${rule.padEnd(26)}          ${cells(r.before, VERDICTS)}        ${cells(r.now, VERDICTS)}  ${String(r.now.unreviewed).padStart(3)}          ${r.loudNoise}`);
  }
  const before = sum((r) => r.before.true + r.before.false + r.before.noise);
  const now = sum((r) => r.now.true + r.now.false + r.now.noise + r.now.unreviewed);
  console.log(
    `before: ${before} findings, ${pct(
      sum((r) => r.before.false),
      before,
    )} false, ${pct(
      sum((r) => r.before.noise),
      before,
    )} noise`,
  );
  console.log(
    `now:    ${now} findings, ${pct(
      sum((r) => r.now.false),
      now,
    )} false, ${pct(
      sum((r) => r.now.noise),
      now,
    )} noise, ${sum((r) => r.now.unreviewed)} not reviewed, ${sum((r) => r.loudNoise)} noise at warning or above`,
  );
  console.log(`true findings of the earlier run no longer reported: ${tally.lost.length}`);
  for (const line of tally.lost) console.log(`  ${line}`);
  if (verbose) for (const line of tally.judged) console.log(`  ${line}`);
  if (verbose || tally.unreviewed.length <= 20) for (const line of tally.unreviewed) console.log(`  not reviewed: ${line}`);
  else console.log(`  (${tally.unreviewed.length} not reviewed: --verbose lists them)`);
}
