/**
 * Suppression comments: our own, and those users already have for other linters.
 *
 *   # hardening-ignore no-root-user, pinning -- reason      next instruction
 *   # hardening-ignore-file healthcheck -- reason            whole file
 *   # hadolint ignore=DL3002,DL3006                          next instruction
 *   # hadolint global ignore=DL3008                          whole file
 *   # hadolint stage ignore=DL3002                           the stage whose FROM follows
 *   # trivy:ignore:AVD-DS-0002                               next instruction
 *   #checkov:skip=CKV_DOCKER_2: reason                       whole file (as in Checkov)
 *   # check=skip=JSONArgsRecommended                         top of file: whole file; else next instruction
 *
 * Ours name rule ids or group slugs (globs allowed, `all` for everything). Peer ids apply to
 * the rules that are their equivalent (server/src/engine/peerIds.ts). A comment can never
 * silence a rule it does not name.
 */
import type { DockerfileModel } from './model';
import { rulesForPeer, rulesWithPeers, type PeerTool } from './peerIds';
import type { RuleMeta } from './rule';
import { matchesRuleOrGroup } from './severity';

export const IGNORE_NEXT = 'hardening-ignore';
export const IGNORE_FILE = 'hardening-ignore-file';

type Matcher = (meta: RuleMeta) => boolean;

export type SuppressionScope = 'next' | 'file' | 'stage';

export interface ParsedSuppression {
  scope: SuppressionScope;
  matchers: Matcher[];
  /** For our own comments: the patterns as written (the code actions extend them). */
  patterns?: string[];
}

export interface Suppressions {
  isSuppressed(meta: RuleMeta, line: number): boolean;
}

const OWN = /^(hardening-ignore(?:-file)?)(?:\s+|$)(.*)$/;

function ownMatcher(pattern: string): Matcher {
  const p = pattern === 'all' ? '*' : pattern;
  return (meta) => matchesRuleOrGroup(p, meta);
}

function peerMatcher(tool: PeerTool, id: string): Matcher {
  const rules = tool === 'buildkit' && id.toLowerCase() === 'all' ? rulesWithPeers(tool) : rulesForPeer(tool, id);
  return (meta) => rules.some((r) => r.meta.id === meta.id);
}

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Reads one comment's text (without `#`); null when it is not a suppression. */
export function parseSuppression(comment: string, atTop = false): ParsedSuppression | null {
  const text = comment.trim();
  const own = OWN.exec(text);
  if (own) {
    const patterns = list(own[2].split(/\s--\s|\s--$|^--\s/)[0]);
    if (patterns.length === 0) return null;
    return { scope: own[1] === IGNORE_FILE ? 'file' : 'next', matchers: patterns.map(ownMatcher), patterns };
  }
  const hadolint = /^hadolint\s+(?:(global|stage)\s+)?ignore=([\w,\s]+?)(?:\s+#.*)?$/i.exec(text);
  if (hadolint) {
    const scope: SuppressionScope = hadolint[1]?.toLowerCase() === 'global' ? 'file' : hadolint[1] ? 'stage' : 'next';
    return { scope, matchers: list(hadolint[2]).map((id) => peerMatcher('hadolint', id)) };
  }
  const trivy = [...text.matchAll(/trivy:ignore:([\w-]+)/gi)].map((m) => m[1]);
  if (trivy.length > 0) return { scope: 'next', matchers: trivy.map((id) => peerMatcher('trivy', id)) };
  const checkov = /^checkov:skip=([\w]+)/i.exec(text);
  if (checkov) return { scope: 'file', matchers: [peerMatcher('checkov', checkov[1])] };
  const check = /^check\s*=\s*(.*)$/i.exec(text);
  if (check) {
    const skip = /(?:^|;)\s*skip\s*=\s*([^;/]+)/i.exec(check[1]);
    if (!skip) return null;
    return { scope: atTop ? 'file' : 'next', matchers: list(skip[1]).map((id) => peerMatcher('buildkit', id)) };
  }
  return null;
}

interface LineRange {
  first: number;
  last: number;
  matchers: Matcher[];
}

export function collectSuppressions(model: DockerfileModel): Suppressions {
  const file: Matcher[] = [];
  const ranges: LineRange[] = [];
  const instructions = model.ast.getInstructions();
  const firstInstructionLine = instructions[0]?.getRange().start.line ?? Infinity;
  // Comments (and dockerfile-ast's directives) above the first instruction form the file header.
  // dockerfile-ast reads any `# word …=…` first line as a directive (`# hadolint ignore=X` becomes
  // name "hadolint"), so directive lines are read again from the source text.
  const header = model.ast.getDirectives().map((d) => {
    const line = d.getRange().start.line;
    return { text: model.source.lineText(line).replace(/^\s*#\s?/, ''), line };
  });
  const comments = [...header, ...model.ast.getComments().map((c) => ({ text: c.getContent(), line: c.getRange().start.line }))];
  for (const { text, line } of comments) {
    const parsed = parseSuppression(text, line < firstInstructionLine);
    if (!parsed) continue;
    if (parsed.scope === 'file') {
      file.push(...parsed.matchers);
      continue;
    }
    const next = instructions.find((i) => i.getRange().start.line > line);
    if (!next) continue;
    if (parsed.scope === 'next') {
      ranges.push({ first: next.getRange().start.line, last: next.getRange().end.line, matchers: parsed.matchers });
    } else {
      // The stage that starts at the next FROM, up to the line before the following FROM.
      const stageIndex = model.stages.findIndex((s) => s.from.getRange().start.line >= line);
      const stage = model.stages[stageIndex];
      if (!stage) continue;
      const following = model.stages[stageIndex + 1];
      ranges.push({ first: stage.from.getRange().start.line, last: following ? following.from.getRange().start.line - 1 : Infinity, matchers: parsed.matchers });
    }
  }
  return {
    isSuppressed(meta, line) {
      if (file.some((m) => m(meta))) return true;
      return ranges.some((r) => line >= r.first && line <= r.last && r.matchers.some((m) => m(meta)));
    },
  };
}
