/**
 * Code actions for our diagnostics: the fix (preferred when safe), suggestions, disable for
 * this instruction, disable for the file, fix all of this rule; and `source.fixAll` for
 * `editor.codeActionsOnSave`.
 */
import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, FIX_ALL_KIND, type DisableChoice } from '../../../shared/ids';
import { afterDirectivesLine } from '../engine/edits/anchors';
import { compatibleFixes } from '../engine/edits/fixAll';
import { fileKindInfo, type FileKindInfo } from '../../../shared/fileKinds';
import { linter } from '../defaultLinter';
import { fileKindOf } from '../engine/fileKinds';
import type { LintResult } from '../engine/linter';
import { IGNORE_FILE, IGNORE_NEXT, parseSuppression } from '../engine/suppressions';
import type { Fix } from '../engine/types';
import { diagnosticData, isOurDiagnostic, type DiagnosticData } from './convert';

export interface CodeActionOptions {
  /**
   * The client runs `Commands.chooseDisable` (the VS Code extension says so when it starts): one
   * "Disable <rule>…" entry per rule asks for the scope in a second step. Other clients get the
   * two entries.
   */
  disableChoice?: boolean;
}

export function codeActionsFor(params: CodeActionParams, document: TextDocument, result: LintResult, options: CodeActionOptions = {}): CodeAction[] {
  const only = params.context.only;
  const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind.startsWith(CodeActionKind.SourceFixAll)) ?? false;
  const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
  const actions: CodeAction[] = [];
  if (wantsFixAll) {
    const fixAll = fixAllAction(document, result, 'Fix all hardening problems', FIX_ALL_KIND);
    if (fixAll) actions.push(fixAll);
  }
  if (!wantsQuickFix) return actions;

  // The menu a person reads: every fix first (the most severe finding's on top, the preferred
  // one selected), then suggestions, then fix-all per rule, and the disable pair once per rule
  // at the end (one FROM line with eleven entries had eight Disables first).
  const fixes: CodeAction[] = [];
  const suggestions: CodeAction[] = [];
  const fixAlls: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seenRules = new Set<string>();
  // The comment syntax of the disable actions: one per document, not per diagnostic.
  const syntax = fileKindInfo(fileKindOf(decodeURIComponent(new URL(document.uri).pathname)) ?? 'dockerfile');
  const bySeverity = [...params.context.diagnostics].sort((a, b) => (a.severity ?? 4) - (b.severity ?? 4));
  for (const diagnostic of bySeverity) {
    const data = currentData(diagnostic, document, result);
    if (!data) continue;
    if (data.fix) fixes.push(fixAction(document, diagnostic, data.fix, true));
    for (const suggestion of data.suggestions ?? []) suggestions.push(fixAction(document, diagnostic, suggestion, false));
    if (seenRules.has(data.ruleId)) continue;
    seenRules.add(data.ruleId);
    const ruleFixAll = fixAllAction(document, result, `Fix all ${data.ruleId} problems`, CodeActionKind.QuickFix, data.ruleId);
    if (ruleFixAll && countFixes(result, data.ruleId) > 1) fixAlls.push(ruleFixAll);
    const pair = [disableForInstruction(document, diagnostic, data, syntax), disableForFile(document, diagnostic, data, result, syntax)];
    disables.push(...(options.disableChoice ? [disableChoiceAction(diagnostic, data.ruleId, pair)] : pair));
  }
  actions.push(...fixes, ...suggestions, ...fixAlls, ...disables);
  return actions;
}

/**
 * The diagnostic's fixes for the document as it is now. A diagnostic published for another
 * version (by the workspace scan just before the file was opened, or before the last keystroke)
 * carries edits for other text: then the same finding (rule and range) is looked up in the
 * current result, and if it is gone, nothing is offered.
 */
function currentData(diagnostic: Diagnostic, document: TextDocument, result: LintResult): DiagnosticData | null {
  if (!isOurDiagnostic(diagnostic)) return null;
  if (diagnostic.data.version === document.version) return diagnostic.data;
  const same = (a: Diagnostic['range'], b: Diagnostic['range']) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const finding = result.findings.find((f) => f.ruleId === diagnostic.data.ruleId && same(f.range, diagnostic.range));
  if (!finding) return null;
  return diagnosticData(finding, result.model, document.version);
}

/** A finding's safe fix is the preferred action; a suggestion says it wants a review. */
function fixAction(document: TextDocument, diagnostic: Diagnostic, fix: Fix, safe: boolean): CodeAction {
  const edit = workspaceEdit(document, fix.edits);
  // Other files (a .dockerignore to create or extend) travel in the same workspace edit.
  for (const other of fix.otherFiles ?? []) {
    const uri = pathToFileURL(other.path).href;
    if (other.create) edit.documentChanges!.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    edit.documentChanges!.push({ textDocument: { uri, version: null }, edits: other.edits });
  }
  if (fix.edits.length === 0) edit.documentChanges = edit.documentChanges!.filter((c) => !('textDocument' in c) || c.textDocument.uri !== document.uri);
  return {
    title: safe ? fix.title : `${fix.title} (review the change)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: safe,
    edit,
  };
}

function countFixes(result: LintResult, ruleId: string): number {
  return result.findings.filter((f) => f.ruleId === ruleId && f.fix).length;
}

export function fixAllEdits(result: LintResult, ruleId?: string): TextEdit[] {
  return compatibleFixes(result.findings, (f) => !ruleId || f.ruleId === ruleId).flatMap((fix) => fix.edits);
}

function fixAllAction(document: TextDocument, result: LintResult, title: string, kind: string, ruleId?: string): CodeAction | null {
  const edits = fixAllEdits(result, ruleId);
  if (edits.length === 0) return null;
  return { title, kind, edit: workspaceEdit(document, edits) };
}

/** `# hardening-ignore <rule>` (or `//` in JSONC and Jenkinsfiles) above the finding's line. */
function disableForInstruction(document: TextDocument, diagnostic: Diagnostic, data: DiagnosticData, syntax: FileKindInfo): CodeAction {
  const line = data.anchorLine;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return {
    title: `Disable ${data.ruleId} for this ${syntax.unit}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${syntax.comment} ${IGNORE_NEXT} ${data.ruleId}${eolOf(document)}` }]),
  };
}

/**
 * One "Disable <rule>…" entry whose command asks for the scope: a menu with eleven entries on one
 * line had eight of them Disables. The choices carry the same edits as the pair.
 */
function disableChoiceAction(diagnostic: Diagnostic, ruleId: string, pair: CodeAction[]): CodeAction {
  const title = `Disable ${ruleId}…`;
  const choice: DisableChoice = {
    ruleId,
    choices: pair.map((action) => ({
      label: action.title.replace(`Disable ${ruleId} `, '').replace(/^for/, 'For'),
      detail: commentWritten(action),
      edit: action.edit,
    })),
  };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: Commands.chooseDisable, arguments: [choice] } };
}

/** The comment a disable action writes, as the choice shows it: `# hardening-ignore exec-form`. */
function commentWritten(action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0];
  const edit = change && 'edits' in change ? change.edits[0] : undefined;
  const text = edit && 'newText' in edit ? edit.newText.trim() : '';
  return text.startsWith(',') ? `adds ${text.slice(1).trim()} to the file's existing comment` : `adds ${text}`;
}

/** Adds the rule to an existing file-wide comment, or writes one after the parser directives. */
function disableForFile(document: TextDocument, diagnostic: Diagnostic, data: DiagnosticData, result: LintResult, syntax: FileKindInfo): CodeAction {
  const title = `Disable ${data.ruleId} for this file`;
  const comments = result.model?.ast.getComments() ?? [];
  for (const comment of comments) {
    const parsed = parseSuppression(comment.getContent(), linter.peers);
    if (parsed?.scope !== 'file' || !parsed.patterns) continue;
    const range = comment.getRange();
    const line = document.getText(range);
    const reason = line.indexOf(' -- ');
    const at = reason >= 0 ? { line: range.start.line, character: range.start.character + reason } : range.end;
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(document, [{ range: { start: at, end: at }, newText: `, ${data.ruleId}` }]),
    };
  }
  const line = result.model ? afterDirectivesLine(result.model) : 0;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${syntax.comment} ${IGNORE_FILE} ${data.ruleId}${eolOf(document)}` }]),
  };
}

export function workspaceEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit & { documentChanges: NonNullable<WorkspaceEdit['documentChanges']> } {
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
}

function eolOf(document: TextDocument): string {
  const text = document.getText();
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];
