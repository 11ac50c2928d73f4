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
 * Compose files, CI pipelines and other YAML take the same comments of our own with `#`,
 * devcontainer.json with `//` (the comment syntax of each kind is in shared/fileKinds.ts);
 * there a comment applies to the next line that is neither blank nor a comment.
 *
 * Ours name rule ids or group slugs (globs allowed, `all` for everything). Peer ids apply to
 * the rules that are their equivalent (server/src/engine/peerIds.ts). A comment can never
 * silence a rule it does not name.
 */
import { fileKindInfo } from '../../../shared/fileKinds';
import type { DocumentModel } from './documents/documentModel';
import type { DockerfileModel } from './dockerfile/model';
import type { PeerTable, PeerTool } from './peerIds';
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

function peerMatcher(peers: PeerTable, tool: PeerTool, id: string): Matcher {
  const rules = tool === 'buildkit' && id.toLowerCase() === 'all' ? peers.rulesWith(tool) : peers.rulesFor(tool, id);
  return (meta) => rules.some((r) => r.meta.id === meta.id);
}

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * Reads one comment's text (without `#`); null when it is not a suppression. Peer tools' ids
 * are read through `peers`, the table of the rule set being run.
 */
export function parseSuppression(comment: string, peers: PeerTable, atTop = false): ParsedSuppression | null {
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
    return { scope, matchers: list(hadolint[2]).map((id) => peerMatcher(peers, 'hadolint', id)) };
  }
  const trivy = [...text.matchAll(/trivy:ignore:([\w-]+)/gi)].map((m) => m[1]);
  if (trivy.length > 0) return { scope: 'next', matchers: trivy.map((id) => peerMatcher(peers, 'trivy', id)) };
  const checkov = /^checkov:skip=([\w]+)/i.exec(text);
  if (checkov) return { scope: 'file', matchers: [peerMatcher(peers, 'checkov', checkov[1])] };
  const check = /^check\s*=\s*(.*)$/i.exec(text);
  if (check) {
    const skip = /(?:^|;)\s*skip\s*=\s*([^;/]+)/i.exec(check[1]);
    if (!skip) return null;
    return { scope: atTop ? 'file' : 'next', matchers: list(skip[1]).map((id) => peerMatcher(peers, 'buildkit', id)) };
  }
  return null;
}

/** Whether file-wide comments name a rule, answered once per rule (reports ask per finding). */
function fileWideMatcher(file: readonly Matcher[]): (meta: RuleMeta) => boolean {
  const known = new Map<string, boolean>();
  return (meta) => {
    let hit = known.get(meta.id);
    if (hit === undefined) {
      hit = file.some((m) => m(meta));
      known.set(meta.id, hit);
    }
    return hit;
  };
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

export function collectSuppressions(model: DockerfileModel, peers: PeerTable): Suppressions {
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
    const parsed = parseSuppression(text, peers, line < firstInstructionLine);
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
  const wholeFile = fileWideMatcher(file);
  return {
    isSuppressed(meta, line) {
      if (wholeFile(meta)) return true;
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

/** Our own `hardening-ignore` comments in a document, in its kind's comment syntax. */
export function collectDocumentSuppressions(document: DocumentModel, peers: PeerTable): Suppressions {
  const marker = fileKindInfo(document.kind).comment;
  const file: Matcher[] = [];
  const byLine = new Map<number, Matcher[]>();
  const { source } = document;
  // The line a comment applies to: the next one that is neither blank nor a comment. Walked from
  // the end once, so a run of 30,000 comment lines is read once, not once per comment.
  const targetAfter = new Int32Array(source.lineCount + 1);
  targetAfter[source.lineCount] = source.lineCount;
  for (let line = source.lineCount - 1; line >= 0; line--) {
    const text = source.lineText(line).trim();
    targetAfter[line] = text === '' || text.startsWith(marker) ? targetAfter[line + 1] : line;
  }
  for (let line = 0; line < source.lineCount; line++) {
    const text = source.lineText(line).trim();
    if (!text.startsWith(marker)) continue;
    const parsed = parseSuppression(text.slice(marker.length), peers);
    // Only our own comments: peers' comment syntaxes are for Dockerfiles.
    if (!parsed?.patterns) continue;
    if (parsed.scope === 'file') file.push(...parsed.matchers);
    else {
      const next = targetAfter[line + 1];
      const list = byLine.get(next);
      if (list) list.push(...parsed.matchers);
      else byLine.set(next, [...parsed.matchers]);
    }
  }
  const wholeFile = fileWideMatcher(file);
  return {
    isSuppressed(meta, line) {
      return wholeFile(meta) || (byLine.get(line)?.some((m) => m(meta)) ?? false);
    },
  };
}
