/** Checkstyle and JUnit XML, for CI systems and dashboards that read them. */
import { SOURCE } from '../../../../shared/ids';
import type { FileResult } from './types';

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatCheckstyle(results: readonly FileResult[]): string {
  let out = '<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n';
  for (const { file, findings } of results) {
    out += `  <file name="${escapeXml(file)}">\n`;
    for (const f of findings) {
      const severity = f.severity === 'hint' ? 'info' : f.severity;
      out += `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${severity}" message="${escapeXml(f.message)}" source="${SOURCE}.${escapeXml(f.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return `${out}</checkstyle>\n`;
}

/** One test suite per file; one failing test case per finding, or one passing case for a clean file. */
export function formatJunit(results: readonly FileResult[]): string {
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  let out = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="${SOURCE}" tests="${tests}" failures="${failures}">\n`;
  for (const { file, findings } of results) {
    out += `  <testsuite name="${escapeXml(file)}" tests="${Math.max(1, findings.length)}" failures="${findings.length}">\n`;
    if (findings.length === 0) out += `    <testcase name="no problems" classname="${escapeXml(file)}"/>\n`;
    for (const f of findings) {
      const where = `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out += `    <testcase name="${escapeXml(`${f.ruleId} at line ${f.range.start.line + 1}`)}" classname="${escapeXml(file)}">\n`;
      out += `      <failure type="${f.severity}" message="${escapeXml(f.message)}">${escapeXml(`${where} ${f.ruleId}: ${f.message}`)}</failure>\n`;
      out += '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  return `${out}</testsuites>\n`;
}
