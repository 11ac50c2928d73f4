/** Findings to LSP diagnostics, with everything a code action needs carried in `data`. */
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { docsUrl, SOURCE } from '../../../shared/ids';
import { instructionStartLine } from '../engine/edits/anchors';
import type { DockerfileModel } from '../engine/dockerfile/model';
import type { Finding, Fix, Severity } from '../engine/types';

export interface DiagnosticData {
  ruleId: string;
  /** The document version the fixes were computed for; stale fixes are never offered. */
  version: number;
  /** First line of the instruction the finding is in: where a disable comment goes. */
  anchorLine: number;
  fix?: Fix;
  suggestions?: Fix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a diagnostic carries for its code actions: the fixes, for one version of the text. The
 * anchor is the Dockerfile's model, or the line a lint worker worked out from it.
 */
export function diagnosticData(finding: Finding, anchor: DockerfileModel | number | null, version: number): DiagnosticData {
  return {
    ruleId: finding.ruleId,
    version,
    anchorLine: typeof anchor === 'number' ? anchor : anchor ? instructionStartLine(anchor, finding.range.start.line) : finding.range.start.line,
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions } : {}),
  };
}

export function toDiagnostic(finding: Finding, anchor: DockerfileModel | number | null, version: number): Diagnostic {
  const data = diagnosticData(finding, anchor, version);
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data,
  };
  const tags = (finding.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length > 0) diagnostic.tags = tags;
  return diagnostic;
}

export function isOurDiagnostic(diagnostic: Diagnostic): diagnostic is Diagnostic & { data: DiagnosticData } {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return diagnostic.source === SOURCE && !!data && typeof data.ruleId === 'string' && typeof data.version === 'number';
}

/** One diagnostic at the top of a file that was not checked, saying why (`reason` without "Not checked"). */
export function notCheckedDiagnostic(reason: string, severity: DiagnosticSeverity = DiagnosticSeverity.Warning): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, source: SOURCE, message: `Not checked: ${reason.replace(/^skipped: /, '')}.` };
}
