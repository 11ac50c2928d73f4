import type { Severity } from '../../engine/types';
import type { ReportedFinding } from '../report';
import type { SkippedFile } from './types';

export interface StylishOptions {
  color: boolean;
  fixableCount?: number;
  /** Files that were not checked, and why. */
  skipped?: readonly SkippedFile[];
  /** The terminal's width: long lines wrap under their message. Absent (a pipe, a CI log): one line per finding. */
  width?: number;
}

/** Runs with at least this many findings end with a count per rule, to see where to start. */
const SUMMARY_BY_RULE_FROM = 20;

const COLORS: Record<Severity | 'dim' | 'bold' | 'underline', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  hint: [90, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

/** Findings grouped by file, one aligned line each, and a count at the end. */
export function formatStylish(findings: readonly ReportedFinding[], options: StylishOptions): string {
  const paint = (style: keyof typeof COLORS, text: string) => (options.color ? `\u001b[${COLORS[style][0]}m${text}\u001b[${COLORS[style][1]}m` : text);
  const byFile = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  let out = '';
  for (const [file, list] of byFile) {
    out += `\n${paint('underline', file)}\n`;
    const positions = list.map((f) => `${f.line}:${f.column}`);
    const width = Math.max(...positions.map((p) => p.length));
    list.forEach((finding, i) => {
      const severity = finding.severity.padEnd(7);
      const lead = `  ${positions[i].padEnd(width)}  ${severity}  `;
      const [first, ...rest] = wrap(`${finding.message}  ${finding.rule}`, options.width ? options.width - lead.length : Infinity);
      const ruleAt = (line: string) => (line.endsWith(finding.rule) ? `${line.slice(0, -finding.rule.length)}${paint('dim', finding.rule)}` : line);
      out += `  ${paint('dim', positions[i].padEnd(width))}  ${paint(finding.severity, severity)}  ${ruleAt(first)}\n`;
      for (const line of rest) out += `${' '.repeat(lead.length)}${ruleAt(line)}\n`;
    });
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const skipped = options.skipped ?? [];
  if (skipped.length > 0) {
    out += `\n${paint('bold', `${skipped.length} file${skipped.length === 1 ? '' : 's'} not checked:`)}\n`;
    for (const { file, reason } of skipped) out += `  ${paint('underline', file)}  ${reason}\n`;
  }
  if (findings.length === 0) return out;
  const summary = `${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info, ${count('hint')} hints)`;
  out += `\n${paint('bold', summary)}\n`;
  if (options.fixableCount) out += `${options.fixableCount} of them can be fixed with --fix.\n`;
  if (findings.length >= SUMMARY_BY_RULE_FROM) {
    const byRule = new Map<string, number>();
    for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
    const counts = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const digits = String(counts[0][1]).length;
    out += `\n${paint('bold', 'By rule:')}\n`;
    for (const [rule, n] of counts) out += `  ${String(n).padStart(digits)}  ${rule}\n`;
  }
  return out;
}

/** Greedy word wrap; a word longer than the width (a URL, a path) gets a line of its own. */
function wrap(text: string, width: number): string[] {
  if (text.length <= width || width < 20) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
