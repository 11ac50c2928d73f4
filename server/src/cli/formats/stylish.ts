import type { Severity } from '../../engine/types';
import type { ReportedFinding } from '../report';
import type { SkippedFile } from './types';

export interface StylishOptions {
  color: boolean;
  fixableCount?: number;
  /** Files that were not checked, and why. */
  skipped?: readonly SkippedFile[];
}

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
      out += `  ${paint('dim', positions[i].padEnd(width))}  ${paint(finding.severity, severity)}  ${finding.message}  ${paint('dim', finding.rule)}\n`;
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
  return out;
}
