/**
 * One file's work, as the CLI and the language server's workspace scan hand it to a lint worker:
 * everything in it survives structured cloning, so it can cross a thread boundary.
 */
import { resolve } from 'node:path';
import type { SeverityOverride } from '../../../shared/settings';
import type { ContextCache } from '../config/contextCache';
import { instructionStartLine } from '../engine/edits/anchors';
import { fixText } from '../engine/edits/fixAll';
import { type LintOptions, type LintResult } from '../engine/linter';
import { linter } from '../defaultLinter';
import type { RoleFacts } from '../engine/roles';

export interface LintJob {
  /** The file on disk (its build context is read from there); null for stdin or an unsaved text. */
  path: string | null;
  /** The name findings are reported under. */
  display: string;
  text: string;
  severityOverrides: readonly SeverityOverride[];
  trustedRegistries: readonly string[] | null;
  /** What the repository says about a Dockerfile's role (config/roleFacts.ts), gathered by the caller. */
  roleFacts?: RoleFacts | null;
  /** Apply the safe fixes first and report what is left (`lint --fix`). */
  fix?: boolean;
  /** Also give each finding's instruction start line (where the editor puts a disable comment). */
  anchors?: boolean;
}

export interface LintDone {
  status: 'done';
  findings: LintResult['findings'];
  syntaxErrors: NonNullable<LintResult['syntaxErrors']>;
  internalErrors: string[];
  /** With `fix`: the text after the safe fixes (the same text when there was nothing to fix). */
  fixedText?: string;
  /** With `anchors`: per finding, in order. */
  anchorLines?: number[];
  /** How long the worker took over it. */
  elapsedMs?: number;
}

/** The file was not finished within the run's budget; every other file still is. */
export interface LintSkipped {
  status: 'skipped';
  reason: string;
}

/** The worker died on this file for a reason other than the budget: a bug of the tool. */
export interface LintFailed {
  status: 'failed';
  reason: string;
}

export type LintOutcome = LintDone | LintSkipped | LintFailed;

/** Runs one job on this thread. */
export function runLintJob(job: LintJob, contexts: ContextCache): LintDone {
  const path = job.path ? resolve(job.path) : null;
  const options: LintOptions = {
    severityOverrides: job.severityOverrides,
    trustedRegistries: job.trustedRegistries,
    filePath: job.display,
    buildContext: () => (path ? contexts.forFile(path) : null),
    roleFacts: job.roleFacts ?? null,
  };
  let text = job.text;
  let fixedText: string | undefined;
  if (job.fix) {
    text = fixText(linter, job.text, options).text;
    fixedText = text;
  }
  const result = linter.lintFile(job.path ?? job.display, text, options);
  const done: LintDone = { status: 'done', findings: result.findings, syntaxErrors: result.syntaxErrors ?? [], internalErrors: result.internalErrors };
  if (fixedText !== undefined) done.fixedText = fixedText;
  if (job.anchors) {
    const model = result.model;
    done.anchorLines = result.findings.map((f) => (model ? instructionStartLine(model, f.range.start.line) : f.range.start.line));
  }
  return done;
}
