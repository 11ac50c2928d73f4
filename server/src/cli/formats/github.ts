/** GitHub Actions workflow commands: annotations on the pull request's changed lines. */
import type { Severity } from '../../../../shared/ids';
import type { FileResult, SkippedFile } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(results: readonly FileResult[], skipped: readonly SkippedFile[] = []): string {
  let out = '';
  for (const { file, reason } of skipped) out += `::warning file=${escapeProperty(file)},title=dockerfile-hardening::${escapeData(`Not checked: ${reason}`)}\n`;
  for (const { file, findings } of results) {
    for (const f of findings) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(',');
      out += `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}
