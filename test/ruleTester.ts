/**
 * Rule tests as data, in the manner of ESLint's RuleTester:
 *
 *   valid:   code that must produce no finding of the rule;
 *   invalid: code, the exact findings (messageId, 1-based line/column, optionally the end),
 *            the text after all of the rule's safe fixes (`output`, or null for "no safe fix"),
 *            and the text after each suggestion.
 *
 * Every fix and suggestion a finding offers is also checked for safety: the result parses
 * at least as well as before (dockerfile-utils' syntax checks), the finding is gone, no new
 * finding at warning or above appears, and applying the fixes again changes nothing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { validate } from 'dockerfile-utils';
import { fixText } from '../server/src/engine/edits/fixAll';
import { buildDocumentModel } from '../server/src/engine/documents/documentModel';
import { fileKindOf } from '../server/src/engine/fileKinds';
import { initEngine } from '../server/src/engine/linter';
import { linter } from '../server/src/defaultLinter';
import type { BuildContext } from '../server/src/engine/buildContext';
import type { RoleFacts } from '../server/src/engine/roles';
import type { Rule } from '../server/src/engine/rule';
import { severityAtLeast } from '../server/src/engine/severity';
import { applyEdits, SourceText } from '../server/src/engine/sourceText';
import type { Finding, Fix, Severity } from '../server/src/engine/types';

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Text after each suggestion, in the order offered; `files`: other files it creates or changes. */
  suggestions?: { title?: RegExp | string; output: string; files?: Record<string, string> }[];
  /** When given, checks the message text (secrets masking and such). */
  message?: RegExp;
}

export interface InvalidCase {
  name: string;
  code: string;
  filePath?: string;
  trustedRegistries?: string[];
  buildContext?: BuildContext;
  /** What the repository says about the file (its path, builds, update bots), as the CLI gathers it. */
  roleFacts?: RoleFacts;
  errors: ExpectedFinding[];
  /** Text after all safe fixes of this rule; null when the rule offers no safe fix here. */
  output: string | null;
  /** A secret in the code: no message of any rule may contain it. */
  secret?: string;
}

export interface ValidCase {
  name: string;
  code: string;
  filePath?: string;
  trustedRegistries?: string[];
  buildContext?: BuildContext;
  roleFacts?: RoleFacts;
}

/** Rule tests run on a fixed day, so end-of-life results do not change with the calendar. */
export const TEST_NOW = new Date('2026-11-27T00:00:00Z');

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Joins lines with `\n` and ends with a newline: keeps test data readable. */
export function lines(...content: string[]): string {
  return `${content.join('\n')}\n`;
}

export function runRuleTests(rule: Rule, tests: RuleTests): void {
  describe(rule.meta.id, () => {
    before(() => initEngine());

    describe('valid', () => {
      for (const test of tests.valid) {
        it(test.name, () => {
          const findings = lintOnly(rule, test.code, test.filePath, test.trustedRegistries, test.buildContext, test.roleFacts);
          assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
        });
      }
    });

    describe('invalid', () => {
      for (const test of tests.invalid) {
        it(test.name, () => {
          const findings = lintOnly(rule, test.code, test.filePath, test.trustedRegistries, test.buildContext, test.roleFacts);
          assert.deepEqual(
            findings.map((f, i) => actualShape(f, test.errors[i])),
            test.errors.map(expectedShape),
          );

          if (test.secret) {
            for (const f of linter.lintFile(test.filePath ?? null, test.code).findings) assert.ok(!f.message.includes(test.secret), `${f.ruleId} shows the secret: ${f.message}`);
          }
          const fixed = fixText(linter, test.code, { rules: [rule], now: TEST_NOW, filePath: test.filePath, severityOverrides: turnedOn(rule) }).text;
          assert.equal(fixed, test.output ?? test.code, test.output === null ? 'expected no safe fix' : 'output after safe fixes');

          findings.forEach((finding, i) => {
            const expected = test.errors[i].suggestions;
            const suggestions = finding.suggestions ?? [];
            if (expected) {
              assert.equal(suggestions.length, expected.length, 'number of suggestions');
              expected.forEach((e, j) => {
                assert.equal(applyFix(test.code, suggestions[j]), e.output, `output of suggestion "${suggestions[j].title}"`);
                if (e.files) {
                  const written = Object.fromEntries(
                    (suggestions[j].otherFiles ?? []).map((f) => [f.path, applyEdits(new SourceText(f.create ? '' : (test.buildContext?.ignoreFile?.text ?? '')), f.edits)]),
                  );
                  assert.deepEqual(written, e.files, `files written by suggestion "${suggestions[j].title}"`);
                }
                if (e.title instanceof RegExp) assert.match(suggestions[j].title, e.title);
                else if (e.title) assert.equal(suggestions[j].title, e.title);
              });
            }
            for (const fix of [finding.fix, ...suggestions].filter((f): f is Fix => !!f)) assertFixIsSafe(rule, test.code, finding, fix, test.filePath, test.buildContext);
          });
        });
      }
    });
  });
}

/** A rule that is off by default is tested as a user who turned it on sees it. */
function turnedOn(rule: Rule): { rule: string; severity: Rule['meta']['severity'] }[] {
  return rule.meta.offByDefault ? [{ rule: rule.meta.id, severity: rule.meta.severity }] : [];
}

function lintOnly(rule: Rule, code: string, filePath?: string, trustedRegistries?: string[], buildContext?: BuildContext, roleFacts?: RoleFacts): Finding[] {
  const result = linter.lintFile(filePath ?? null, code, { rules: [rule], filePath, now: TEST_NOW, trustedRegistries, buildContext, roleFacts, severityOverrides: turnedOn(rule) });
  assert.deepEqual(result.internalErrors, [], 'rule threw');
  return result.findings;
}

function applyFix(code: string, fix: Fix): string {
  return applyEdits(new SourceText(code), fix.edits);
}

function assertFixIsSafe(rule: Rule, code: string, finding: Finding, fix: Fix, filePath?: string, context?: BuildContext): void {
  const after = applyFix(code, fix);
  // A fix that writes the ignore file changes the build context the next lint sees.
  const ignoreChange = fix.otherFiles?.find((f) => /dockerignore$/.test(f.path));
  const contextAfter =
    context && ignoreChange
      ? { ...context, ignoreFile: { path: ignoreChange.path, text: applyEdits(new SourceText(ignoreChange.create ? '' : (context.ignoreFile?.text ?? '')), ignoreChange.edits) } }
      : context;
  const label = `fix "${fix.title}"`;
  assert.ok(parseProblems(after, filePath) <= parseProblems(code, filePath), `${label} made the file parse worse:\n${after}`);

  const sameKind = (f: Finding) => f.ruleId === finding.ruleId && f.messageId === finding.messageId;
  const beforeAll = linter.lintFile(filePath ?? null, code, { now: TEST_NOW, buildContext: context, severityOverrides: turnedOn(rule) }).findings;
  const afterAll = linter.lintFile(filePath ?? null, after, { now: TEST_NOW, buildContext: contextAfter, severityOverrides: turnedOn(rule) }).findings;
  assert.ok(afterAll.filter(sameKind).length < beforeAll.filter(sameKind).length, `${label} did not remove the finding:\n${after}`);

  const serious = (list: Finding[]) => countBy(list.filter((f) => severityAtLeast(f.severity, 'warning')));
  const beforeSerious = serious(beforeAll);
  // A finding that was there already, quieter, on the same spot is not new: removing the Docker
  // socket turns no-root-user's note on a socket tool back into the warning it is elsewhere.
  const wasThere = (f: Finding) => beforeAll.some((b) => b.ruleId === f.ruleId && b.range.start.line === f.range.start.line && b.range.start.character === f.range.start.character);
  for (const [key, count] of serious(afterAll.filter((f) => !wasThere(f)))) {
    assert.ok(count <= (beforeSerious.get(key) ?? 0), `${label} introduced ${key}:\n${after}`);
  }
  // Idempotence: what is left of this rule's safe fixes must not undo or redo the change.
  const options = { rules: [rule], now: TEST_NOW, filePath, buildContext: contextAfter, severityOverrides: turnedOn(rule) };
  const again = fixText(linter, after, options).text;
  assert.equal(fixText(linter, again, options).text, again, `${label}: fixes keep changing the file`);
}

function countBy(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.ruleId}/${f.messageId}`, (counts.get(`${f.ruleId}/${f.messageId}`) ?? 0) + 1);
  return counts;
}

/** Parse problems: Docker's syntax checks for Dockerfiles, the YAML/JSONC parser for the others. */
function parseProblems(code: string, filePath?: string): number {
  const kind = filePath ? fileKindOf(filePath) : null;
  if (kind && kind !== 'dockerfile') return buildDocumentModel(kind, code).syntaxErrors.length;
  return syntaxErrors(code);
}

/** Syntax problems as the Docker builder would see them (dockerfile-utils' error diagnostics). */
export function syntaxErrors(code: string): number {
  return validate(code).filter((d) => d.severity === 1).length;
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.messageId}: ${f.message}`;
}

function expectedShape(e: ExpectedFinding): Record<string, unknown> {
  const { suggestions: _s, message: _m, ...rest } = e;
  return rest;
}

function actualShape(f: Finding, expected: ExpectedFinding | undefined): Record<string, unknown> {
  const shape: Record<string, unknown> = { messageId: f.messageId, line: f.range.start.line + 1, column: f.range.start.character + 1 };
  if (expected?.endLine !== undefined) shape.endLine = f.range.end.line + 1;
  if (expected?.endColumn !== undefined) shape.endColumn = f.range.end.character + 1;
  if (expected?.severity !== undefined) shape.severity = f.severity;
  if (expected?.message) assert.match(f.message, expected.message);
  return shape;
}
