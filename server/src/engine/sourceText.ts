import type { Position, Range, TextEdit } from './types';

/**
 * The text of a file with a line index, so positions and offsets convert in O(log n).
 * Knows the file's line ending so inserted lines match it (CRLF files stay CRLF).
 */
export class SourceText {
  readonly text: string;
  readonly eol: '\n' | '\r\n';
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    const firstNewline = text.indexOf('\n');
    this.eol = firstNewline > 0 && text.charCodeAt(firstNewline - 1) === 13 ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEndOffset(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** The text of a line without its line ending. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEndOffset(line));
  }

  /** Offset of the end of a line's content (before `\r\n` or `\n`). */
  lineEndOffset(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length + 1;
    let end = next - 1;
    if (end > this.text.length) end = this.text.length;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13 && end < next) end -= 1;
    return end;
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** Leading white space of a line, reused when inserting lines next to it. */
  indentOf(line: number): string {
    const match = /^[ \t]*/.exec(this.lineText(line));
    return match ? match[0] : '';
  }

  rangeOfLine(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineText(line).length } };
  }
}

/** Applies non-overlapping edits to a text. Edits may be given in any order. */
export function applyEdits(source: SourceText, edits: readonly TextEdit[]): string {
  const resolved = edits.map((edit) => ({ start: source.offsetAt(edit.range.start), end: source.offsetAt(edit.range.end), text: edit.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of resolved) {
    if (edit.start < cursor) throw new Error('overlapping edits');
    out += source.text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.text.slice(cursor);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
