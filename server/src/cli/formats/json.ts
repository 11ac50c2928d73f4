import type { ReportedFinding } from '../report';

/** The CLI's JSON contract (DESIGN.md): exactly these keys, in this order. */
export function formatJson(findings: readonly ReportedFinding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
