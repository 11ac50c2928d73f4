/** Inserting steps and settings into CI YAML, matching the file's own indentation and line endings. */
import { isMap, isPair, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { CiStep } from '../ci';
import { yamlGet, type DocumentModel } from '../documents/documentModel';
import type { TextEdit } from '../types';

type Ranged = { range?: [number, number, number] | null };

/** Column of a node's first character. */
function column(document: DocumentModel, node: Ranged): number {
  return document.source.positionAt(node.range?.[0] ?? 0).character;
}

/** Inserts lines after the last line of a node's value (block scalars included). */
export function insertAfterNode(document: DocumentModel, node: Ranged, lines: string[]): TextEdit {
  const { source } = document;
  const endOffset = Math.max((node.range?.[1] ?? 0) - 1, node.range?.[0] ?? 0);
  let line = source.positionAt(endOffset).line;
  // A block scalar's value ends on the next line's start: step back over trailing blank lines.
  while (line > 0 && source.lineText(line).trim() === '' && source.positionAt(node.range?.[0] ?? 0).line < line) line--;
  const at = { line, character: source.lineText(line).length };
  return { range: { start: at, end: at }, newText: lines.map((l) => source.eol + l).join('') };
}

/** A new GitHub step after `step`, as a sequence item at the same indentation. */
export function stepAfter(document: DocumentModel, step: CiStep, stepLines: string[]): TextEdit {
  const keyIndent = ' '.repeat(column(document, step.node as Ranged));
  const dashIndent = ' '.repeat(Math.max(0, keyIndent.length - 2));
  const lines = stepLines.map((l, i) => (i === 0 ? `${dashIndent}- ${l}` : `${keyIndent}${l}`));
  return insertAfterNode(document, step.node as Ranged, lines);
}

/** Adds `id:` to a step that has none, so later steps can read its outputs. */
export function addStepId(document: DocumentModel, step: CiStep, id: string): TextEdit {
  const first = document.source.positionAt(step.node.range?.[0] ?? 0);
  const at = { line: first.line, character: document.source.lineText(first.line).length };
  return { range: { start: at, end: at }, newText: `${document.source.eol}${' '.repeat(first.character)}id: ${id}` };
}

function pairOf(map: YAMLMap, key: string): Pair<Ranged, Ranged> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair<Ranged, Ranged> | undefined;
}

/**
 * `id-token: write` for keyless signing: added to the job's permissions, or the workflow's, or a
 * new job-level block. A new block lists what signing and pushing need, since any explicit
 * permissions turn the unlisted ones off: the caller's title says to check it.
 */
export function grantIdToken(document: DocumentModel, step: CiStep): { edit: TextEdit | null; newBlock: boolean } {
  const root = document.yaml?.contents;
  for (const owner of [step.jobNode, isMap(root) ? root : null]) {
    if (!owner) continue;
    const permissions = yamlGet(owner, 'permissions');
    if (permissions === undefined) continue;
    if (!isMap(permissions)) return { edit: null, newBlock: false };
    if (isScalar(yamlGet(permissions, 'id-token')) && String((yamlGet(permissions, 'id-token') as { value: unknown }).value) === 'write') return { edit: null, newBlock: false };
    const first = permissions.items[0] as Pair<Ranged, Ranged> | undefined;
    const indent = first ? ' '.repeat(column(document, first.key)) : '  ';
    return { edit: insertAfterNode(document, permissions as Ranged, [`${indent}id-token: write`]), newBlock: false };
  }
  const steps = pairOf(step.jobNode, 'steps');
  if (!steps) return { edit: null, newBlock: false };
  const keyIndent = ' '.repeat(column(document, steps.key));
  const line = document.source.positionAt(steps.key.range?.[0] ?? 0).line;
  const lines = ['permissions:', '  contents: read', '  packages: write', '  id-token: write'].map((l) => `${keyIndent}${l}${document.source.eol}`);
  return { edit: { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: lines.join('') }, newBlock: true };
}

/** Appends top-level lines at the end of the file. */
export function appendLines(document: DocumentModel, lines: string[]): TextEdit {
  const { source } = document;
  const last = source.lineCount - 1;
  const at = { line: last, character: source.lineText(last).length };
  const lead = source.lineText(last).trim() === '' ? '' : source.eol;
  return { range: { start: at, end: at }, newText: `${lead}${source.eol}${lines.join(source.eol)}${source.eol}` };
}
