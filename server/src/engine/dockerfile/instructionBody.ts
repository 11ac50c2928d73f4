/**
 * The body of an instruction as Docker's parser sees it: from the first argument (after
 * flags such as `--mount`) to the end, line continuations joined with the file's escape
 * character, and comment lines inside a continuation dropped. Keeps a map from body
 * offsets back to document positions, so findings inside a shell script land on the
 * right line and column.
 */
import type { Instruction } from 'dockerfile-ast';
import { argumentsOf } from './argumentMemo';
import type { DockerfileModel } from './model';
import type { Position, Range } from '../types';

export interface InstructionBody {
  text: string;
  /** Heredoc bodies (`RUN <<EOF`), in order. */
  heredocs: { name: string; text: string; range: Range }[];
  positionAt(offset: number): Position;
  rangeOf(start: number, end: number): Range;
}

interface Segment {
  bodyOffset: number;
  line: number;
  character: number;
}

const cache = new WeakMap<Instruction, InstructionBody>();

export function instructionBody(model: DockerfileModel, instruction: Instruction): InstructionBody {
  let body = cache.get(instruction);
  if (!body) {
    body = computeBody(model, instruction);
    cache.set(instruction, body);
  }
  return body;
}

/** The body and any heredoc bodies as one text: everything a variable reference could sit in. */
export function instructionText(model: DockerfileModel, instruction: Instruction): string {
  const body = instructionBody(model, instruction);
  return [body.text, ...body.heredocs.map((h) => h.text)].join('\n');
}

function computeBody(model: DockerfileModel, instruction: Instruction): InstructionBody {
  const { source, escapeChar } = model;
  const args = argumentsOf(instruction);
  const range = instruction.getRange();
  const segments: Segment[] = [];
  let text = '';
  // dockerfile-ast finds heredocs by re-reading the arguments on every call: only ask when the
  // instruction's lines have a `<<` at all.
  const heredocRanges = linesInclude(model, range, '<<') ? heredocsOf(instruction) : [];
  const lastBodyLine = heredocRanges.length > 0 ? heredocRanges[0].startLine - 1 : range.end.line;

  if (args.length > 0) {
    const start = args[0].getRange().start;
    for (let line = start.line; line <= lastBodyLine; line++) {
      const full = source.lineText(line);
      const from = line === start.line ? start.character : 0;
      const content = full.slice(from);
      if (line > start.line && /^\s*(#|$)/.test(content)) continue;
      const continued = endsWithEscape(content, escapeChar);
      const kept = continued ? content.replace(new RegExp(`${escapeRe(escapeChar)}\\s*$`), '') : content;
      segments.push({ bodyOffset: text.length, line, character: from });
      text += kept;
      if (!continued) break;
    }
  }

  const heredocs = heredocRanges.map((h) => ({
    name: h.name,
    text: h.range ? source.slice(h.range) : '',
    range: h.range ?? { start: { line: h.startLine, character: 0 }, end: { line: h.startLine, character: 0 } },
  }));

  const positionAt = (offset: number): Position => {
    let segment = segments[0];
    for (const s of segments) {
      if (s.bodyOffset <= offset) segment = s;
      else break;
    }
    if (!segment) return range.start;
    return { line: segment.line, character: segment.character + (offset - segment.bodyOffset) };
  };
  return { text, heredocs, positionAt, rangeOf: (start, end) => ({ start: positionAt(start), end: positionAt(end) }) };
}

function linesInclude(model: DockerfileModel, range: Range, needle: string): boolean {
  for (let line = range.start.line; line <= range.end.line; line++) if (model.source.lineText(line).includes(needle)) return true;
  return false;
}

function endsWithEscape(line: string, escapeChar: string): boolean {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(escapeChar)) return false;
  // An escaped escape character (`\\` at the end) is a literal, not a continuation.
  let count = 0;
  for (let i = trimmed.length - 1; i >= 0 && trimmed[i] === escapeChar; i--) count++;
  return count % 2 === 1;
}

function escapeRe(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

interface HeredocInfo {
  name: string;
  startLine: number;
  range: Range | null;
}

function heredocsOf(instruction: Instruction): HeredocInfo[] {
  const withHeredocs = instruction as Instruction & { getHeredocs?: () => import('dockerfile-ast').Heredoc[] };
  if (typeof withHeredocs.getHeredocs !== 'function') return [];
  return withHeredocs.getHeredocs().map((h) => {
    const content = h.getContentRange();
    return { name: h.getName(), startLine: content?.start.line ?? h.getStartRange().end.line + 1, range: content };
  });
}
