/**
 * Suppression comments:
 *
 *   # hardening-ignore no-root-user, pinning -- reason
 *       the next instruction only;
 *   # hardening-ignore-file healthcheck -- reason
 *       the whole file.
 *
 * Each names rule ids or group slugs (globs allowed, `all` for everything); the reason after
 * `--` is for readers. A comment can never silence a rule it does not name.
 */
import type { DockerfileModel } from './model';
import { matchesRuleOrGroup } from './severity';
import type { RuleMeta } from './rule';

export const IGNORE_NEXT = 'hardening-ignore';
export const IGNORE_FILE = 'hardening-ignore-file';

interface LineSuppression {
  firstLine: number;
  lastLine: number;
  patterns: string[];
}

export interface Suppressions {
  isSuppressed(meta: RuleMeta, line: number): boolean;
}

const PRAGMA = /^(hardening-ignore(?:-file)?)(?:\s+|$)(.*)$/;

export function parseSuppression(comment: string): { scope: 'next' | 'file'; patterns: string[] } | null {
  const match = PRAGMA.exec(comment.trim());
  if (!match) return null;
  const list = match[2].split(/\s--\s|\s--$|^--\s/)[0];
  const patterns = list.split(/[\s,]+/).filter(Boolean).map((p) => (p === 'all' ? '*' : p));
  if (patterns.length === 0) return null;
  return { scope: match[1] === IGNORE_FILE ? 'file' : 'next', patterns };
}

export function collectSuppressions(model: DockerfileModel): Suppressions {
  const filePatterns: string[] = [];
  const lineSuppressions: LineSuppression[] = [];
  const instructions = model.ast.getInstructions();
  let cursor = 0;
  for (const comment of model.ast.getComments()) {
    const parsed = parseSuppression(comment.getContent());
    if (!parsed) continue;
    if (parsed.scope === 'file') {
      filePatterns.push(...parsed.patterns);
      continue;
    }
    const line = comment.getRange().start.line;
    while (cursor < instructions.length && instructions[cursor].getRange().start.line <= line) cursor++;
    const next = instructions[cursor];
    if (!next) continue;
    const range = next.getRange();
    lineSuppressions.push({ firstLine: range.start.line, lastLine: range.end.line, patterns: parsed.patterns });
  }
  return {
    isSuppressed(meta, line) {
      if (filePatterns.some((p) => matchesRuleOrGroup(p, meta))) return true;
      return lineSuppressions.some(
        (s) => line >= s.firstLine && line <= s.lastLine && s.patterns.some((p) => matchesRuleOrGroup(p, meta)),
      );
    },
  };
}
