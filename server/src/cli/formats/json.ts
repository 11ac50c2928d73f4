import type { ReportedFinding } from '../report';
import type { SkippedFile } from './types';

/**
 * The CLI's JSON contract (DESIGN.md): `findings` with exactly its keys, in this order, then for
 * Dockerfile findings `role` and `roleReason` (additive: the image role the finding was judged in);
 * `skipped` (files that were not checked, and why) is added only when there are any.
 */
export function formatJson(findings: readonly ReportedFinding[], skipped: readonly SkippedFile[] = []): string {
  return `${JSON.stringify(skipped.length > 0 ? { findings, skipped } : { findings }, null, 2)}\n`;
}
