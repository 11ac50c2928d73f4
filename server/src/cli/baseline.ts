/**
 * Baselines: today's findings recorded once (`lint --write-baseline <file>`), so CI gates only on
 * findings that are new (`lint --baseline <file>`). A finding is known by a fingerprint that
 * survives unrelated edits: its rule, its file, the normalised text of the lines it is on, and
 * the stage those lines are in (a Dockerfile's), never a line number. Identical findings (the
 * same text twice in a file) are told apart by their order.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../engine/types';
import type { FileResult } from './formats/types';
import { UsageError } from './usage';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  /** For people reading the file and for SARIF's absent results: where it was, what it said. */
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
}

/** The fingerprints of one file's findings, in the findings' order. */
export function fingerprints(file: string, text: string, findings: readonly Finding[], dockerfile: boolean): string[] {
  const lines = text.split(/\r?\n/);
  const stageOf = dockerfile ? stageIndex(lines) : () => '';
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const { start, end } = finding.range;
    // The finding's own lines, whitespace and continuation backslashes aside.
    const own = lines
      .slice(start.line, end.line + 1)
      .join(' ')
      .replace(/\\\s*$/gm, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const key = `${finding.ruleId}\u0000${file}\u0000${stageOf(start.line)}\u0000${own}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

/** For a line of a Dockerfile, the stage it is in: its `AS` name, else its position. */
function stageIndex(lines: string[]): (line: number) => string {
  const starts: { line: number; name: string }[] = [];
  lines.forEach((text, line) => {
    const from = /^\s*from\s+(?:--\S+\s+)*\S+(?:\s+as\s+(\S+))?/i.exec(text);
    if (from) starts.push({ line, name: from[1]?.toLowerCase() ?? `#${starts.length}` });
  });
  return (line) => [...starts].reverse().find((s) => s.line <= line)?.name ?? '';
}

export function readBaseline(path: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baseline: cannot read ${path} (${(error as Error).message.split('\n')[0]})`);
  }
  const baseline = parsed as Partial<Baseline>;
  if (baseline?.version !== BASELINE_VERSION || !Array.isArray(baseline.entries) || !baseline.entries.every((e) => typeof e?.fingerprint === 'string')) {
    throw new UsageError(`--baseline: ${path} is not a dockerfile-hardening baseline (version ${BASELINE_VERSION}); write one with --write-baseline`);
  }
  return baseline as Baseline;
}

export function writeBaseline(path: string, entries: BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  writeFileSync(path, `${JSON.stringify({ version: BASELINE_VERSION, entries: sorted }, null, 1)}\n`);
}

/** A baseline entry for every finding of the run. */
export function baselineEntries(results: readonly FileResult[]): BaselineEntry[] {
  return results.flatMap((r) => r.findings.map((f, i) => ({ fingerprint: r.fingerprints![i], rule: f.ruleId, file: r.file, line: f.range.start.line + 1, message: f.message })));
}

/**
 * Marks each finding new or unchanged against the baseline (a fingerprint matches as many
 * findings as it was recorded for), and returns the baseline entries nothing matched.
 */
export function compareWithBaseline(results: FileResult[], baseline: Baseline): BaselineEntry[] {
  const left = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) left.set(entry.fingerprint, [...(left.get(entry.fingerprint) ?? []), entry]);
  for (const result of results) {
    result.baselineStates = result.fingerprints!.map((print) => {
      const entries = left.get(print);
      if (!entries?.length) return 'new';
      entries.pop();
      return 'unchanged';
    });
  }
  return [...left.values()].flat();
}
