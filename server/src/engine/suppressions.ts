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
  const hadolint = hadolintIgnore(text);
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

/** The first index whose value is greater than `line` in an ascending list (binary search). */
function firstAfter(sorted: readonly number[], line: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] > line) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function collectSuppressions(model: DockerfileModel): Suppressions {
  const file: Matcher[] = [];
  // Suppressions by instruction index and by stage index: a report finds its own in log time,
  // whatever the number of comments (a file of 30,000 `# hardening-ignore` lines took minutes).
  const byInstruction = new Map<number, Matcher[]>();
  const byStage = new Map<number, Matcher[]>();
  const instructions = model.ast.getInstructions();
  const instructionStarts = instructions.map((i) => i.getRange().start.line);
  const stageStarts = model.stages.map((s) => s.from.getRange().start.line);
  const add = (map: Map<number, Matcher[]>, key: number, matchers: Matcher[]) => {
    const list = map.get(key);
    if (list) list.push(...matchers);
    else map.set(key, [...matchers]);
  };
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
    const next = firstAfter(instructionStarts, line);
    if (next >= instructions.length) continue;
    if (parsed.scope === 'next') {
      add(byInstruction, next, parsed.matchers);
    } else {
      // The stage that starts at the next FROM, up to the line before the following FROM.
      const stageIndex = firstAfter(stageStarts, line - 1);
      if (stageIndex < model.stages.length) add(byStage, stageIndex, parsed.matchers);
    }
  }
  const fileWide = new Map<string, boolean>();
  return {
    isSuppressed(meta, line) {
      let wholeFile = fileWide.get(meta.id);
      if (wholeFile === undefined) {
        wholeFile = file.some((m) => m(meta));
        fileWide.set(meta.id, wholeFile);
      }
      if (wholeFile) return true;
      // The instruction the line is in: the last one starting at or before it, if it reaches the line.
      const index = firstAfter(instructionStarts, line) - 1;
      const own = index >= 0 && instructions[index].getRange().end.line >= line ? byInstruction.get(index) : undefined;
      if (own?.some((m) => m(meta))) return true;
      // A stage runs from its FROM to the line before the next FROM.
      const stage = firstAfter(stageStarts, line) - 1;
      return stage >= 0 && (byStage.get(stage)?.some((m) => m(meta)) ?? false);
    },
  };
}

/**
 * `hadolint [global|stage] ignore=DL3008,DL3009 [# reason]`: [whole match, scope, id list]. Read
 * in two steps: one expression with a lazy list and an optional comment cost quadratic time on a
 * line of spaces.
 */
function hadolintIgnore(text: string): [string, string | undefined, string] | null {
  const head = /^hadolint\s+(?:(global|stage)\s+)?ignore=/i.exec(text);
  if (!head) return null;
  let rest = text.slice(head[0].length);
  const comment = rest.search(/\s#/);
  if (comment >= 0) rest = rest.slice(0, comment);
  rest = rest.trimEnd();
  if (rest === '' || !/^[\w,\s]+$/.test(rest)) return null;
  return [text, head[1], rest];
}
