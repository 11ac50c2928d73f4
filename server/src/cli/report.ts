/** What the CLI reports: one entry per finding, positions 1-based as in the JSON contract. */
import type { Finding, Group, Severity } from '../engine/types';

export interface ReportedFinding {
  file: string;
  rule: string;
  group: Group;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Dockerfile findings: the role of the stage the finding is in, and why (additive to the contract). */
  role?: string;
  roleReason?: string;
}

export function toReported(file: string, finding: Finding): ReportedFinding {
  return {
    file,
    rule: finding.ruleId,
    group: finding.group,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    ...(finding.role ? { role: finding.role.role, roleReason: finding.role.why } : {}),
  };
}
