/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, GitLab): rule metadata with help text
 * from the docs pages, `security-severity` for GitHub's severity levels, and fixes as
 * replacements. Validated in the tests with Microsoft's SARIF multitool.
 */
import { relative, sep } from 'node:path';
import { docsUrl, SOURCE, type Group, type Severity } from '../../../../shared/ids';
import type { Rule } from '../../engine/rule';
import type { Fix, Range } from '../../engine/types';
import ruleDocs from '../../generated/rule-docs.json';
import type { FileResult, SkippedFile } from './types';
import type { BaselineEntry } from '../baseline';

/** The key of this tool's fingerprint in `partialFingerprints` (versioned: a new scheme gets a new key). */
const FINGERPRINT_KEY = 'dockerfileHardening/v1';

declare const VERSION: string;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub reads 9.0+ as critical, 7.0+ high, 4.0+ medium, else low. */
const SECURITY_SEVERITY: Record<Group, string> = {
  'docker-socket': '9.0',
  secrets: '8.5',
  'least-privilege': '7.0',
  'other-security': '6.5',
  'image-scanning': '6.0',
  signing: '6.0',
  'minimal-base': '5.0',
  pinning: '4.0',
  'multi-stage': '4.0',
  dockerignore: '5.5',
  healthcheck: '2.0',
  'entrypoint-cmd': '3.0',
  'layer-cache': '1.0',
};

const docs = ruleDocs as Record<string, { what: string; why: string; fix: string; markdown: string }>;

function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** A SARIF fix; suggestions are marked, since only safe fixes may be applied unreviewed. */
function sarifFix(file: string, fix: Fix, safe: boolean) {
  return {
    description: { text: safe ? fix.title : `${fix.title} (suggestion: review before applying)` },
    artifactChanges: [
      {
        artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' },
        replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
      },
    ],
  };
}

export function formatSarif(results: readonly FileResult[], rules: readonly Rule[], cwd: string, skipped: readonly SkippedFile[] = [], absent: readonly BaselineEntry[] = []): string {
  const index = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  const driverRules = rules.map((rule) => {
    const doc = docs[rule.meta.id];
    return {
      id: rule.meta.id,
      name: rule.meta.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.meta.description },
      fullDescription: { text: doc ? `${doc.what.replace(/\n/g, ' ')}` : rule.meta.description },
      helpUri: docsUrl(rule.meta.id),
      help: { text: doc ? `${doc.why}\n\nHow to fix: ${doc.fix}` : rule.meta.description, markdown: doc?.markdown ?? rule.meta.description },
      defaultConfiguration: { level: LEVEL[rule.meta.severity] },
      properties: {
        tags: ['security', 'dockerfile', rule.meta.group],
        precision: rule.meta.severity === 'info' || rule.meta.severity === 'hint' ? 'medium' : 'high',
        'security-severity': SECURITY_SEVERITY[rule.meta.group],
      },
    };
  });
  const sarifResults = results.flatMap(({ file: shown, path, findings, fingerprints, baselineStates }) =>
    findings.map((finding, i) => {
      // Code scanning resolves locations from SRCROOT (the working directory), whatever the text output shows.
      const file = path ? relative(cwd, path).split(sep).join('/') : shown;
      const fixes = [finding.fix, ...(finding.suggestions ?? [])].filter((f): f is Fix => !!f).map((f) => sarifFix(file, f, f === finding.fix));
      return {
        ruleId: finding.ruleId,
        ruleIndex: index.get(finding.ruleId) ?? -1,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' }, region: region(finding.range) } }],
        ...(fixes.length > 0 ? { fixes } : {}),
        // Code scanning matches results across runs by these, not by line numbers.
        ...(fingerprints ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] } } : {}),
        ...(baselineStates ? { baselineState: baselineStates[i] } : {}),
        ...(finding.role ? { properties: { role: finding.role.role, roleReason: finding.role.why } } : {}),
      };
    }),
  );
  // Baseline entries no finding matched any more: fixed, or changed past recognition.
  const absentResults = absent.map((entry) => ({
    ruleId: entry.rule,
    ruleIndex: index.get(entry.rule) ?? -1,
    level: 'none',
    message: { text: entry.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(entry.file), uriBaseId: 'SRCROOT' }, region: { startLine: entry.line } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: entry.fingerprint },
    baselineState: 'absent',
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: SOURCE, version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/dockerfile-hardening/dockerfile-hardening', rules: driverRules } },
        originalUriBaseIds: { SRCROOT: { uri: `${new URL(`file://${cwd.endsWith('/') ? cwd : `${cwd}/`}`).href}` } },
        columnKind: 'utf16CodeUnits',
        // Files not checked (past the per-file budget) are the run's notifications, so code scanning shows them.
        ...(skipped.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: skipped.map(({ file, reason }) => ({
                    level: 'warning',
                    message: { text: `Not checked: ${reason}` },
                    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' } } }],
                  })),
                },
              ],
            }
          : {}),
        results: [...sarifResults, ...absentResults],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
