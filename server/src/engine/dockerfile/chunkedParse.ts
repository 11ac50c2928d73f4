/**
 * Incremental parsing for the editor. dockerfile-ast parses a whole document at a time (about
 * 12 ms for 1,000 lines), and a keystroke changes one line. So a long Dockerfile is cut at the
 * FROM lines that certainly start a stage, each piece is parsed on its own, and pieces whose
 * text and starting line did not change come from a cache. Each piece is parsed as the whole
 * document with every other line blanked, so its instructions carry the document's own line and
 * character positions.
 *
 * Cutting is conservative: only `FROM` at the start of a line, not continuing an earlier line
 * (the nearest line above that is neither blank nor a comment must not end with the escape
 * character), and never in files with heredocs, lone CR line breaks or another escape character. What the model
 * reads from the parse (instructions, comments, directives, escape character, initial ARGs) is
 * the same either way: a test compares both on every corpus file.
 */
import { DockerfileParser, type Arg, type Comment, type Dockerfile, type Instruction, type ParserDirective } from 'dockerfile-ast';
import './argumentMemo';

/** The part of dockerfile-ast's Dockerfile the engine reads. */
export interface DockerfileAst {
  getInstructions(): Instruction[];
  getComments(): Comment[];
  getDirectives(): ParserDirective[];
  getEscapeCharacter(): string;
  getInitialARGs(): Arg[];
}

/** Pieces beyond this many are merged: each parse pads with the lines above it. */
const MAX_PIECES = 48;
/** Below this size one parse is cheap enough. */
const MIN_TEXT = 4 * 1024;
/** Above this size (a generated monster) the cache would only hold memory. */
const MAX_TEXT = 2 * 1024 * 1024;

/**
 * Text the cache may hold, in characters, besides its count of pieces. A parsed piece weighs
 * about 30 bytes per character: counting pieces alone let an edited 2 MB file keep 55 MB per
 * keystroke, and the server ran out of memory long before the 512th piece.
 */
const MAX_CACHED_CHARS = 2 * 1024 * 1024;

export class ParseCache {
  private readonly pieces = new Map<string, Dockerfile>();
  private cachedChars = 0;

  constructor(
    private readonly capacity = 512,
    private readonly minText = MIN_TEXT,
    private readonly maxChars = MAX_CACHED_CHARS,
  ) {}

  /** Forgets every piece (a lint was stopped part-way, and its memos may be half-written). */
  clear(): void {
    this.pieces.clear();
    this.cachedChars = 0;
  }

  parse(text: string): DockerfileAst {
    if (text.length < this.minText || text.length > MAX_TEXT) return DockerfileParser.parse(text);
    const starts = lineStarts(text);
    const cuts = stageCuts(text, starts);
    if (cuts.length === 0) return DockerfileParser.parse(text);
    const bounds = [0, ...cuts, starts.length];
    const asts: Dockerfile[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const firstLine = bounds[i];
      const end = bounds[i + 1] < starts.length ? starts[bounds[i + 1]] : text.length;
      asts.push(this.piece(firstLine, text.slice(starts[firstLine], end)));
    }
    return mergedAst(asts);
  }

  private piece(firstLine: number, pieceText: string): Dockerfile {
    const key = `${firstLine}\u0000${pieceText}`;
    let ast = this.pieces.get(key);
    if (ast) {
      this.pieces.delete(key);
    } else {
      ast = DockerfileParser.parse('\n'.repeat(firstLine) + pieceText);
      this.cachedChars += key.length;
      // The least recently used pieces go first.
      while (this.pieces.size > 0 && (this.pieces.size >= this.capacity || this.cachedChars > this.maxChars)) {
        const oldest = this.pieces.keys().next().value!;
        this.pieces.delete(oldest);
        this.cachedChars -= oldest.length;
      }
    }
    this.pieces.set(key, ast);
    return ast;
  }
}

function mergedAst(asts: Dockerfile[]): DockerfileAst {
  const [first] = asts;
  let instructions: Instruction[] | null = null;
  let comments: Comment[] | null = null;
  return {
    // Rules ask many times per lint; the lists are made once (callers never modify them).
    getInstructions: () => (instructions ??= asts.flatMap((a) => a.getInstructions())),
    getComments: () => (comments ??= asts.flatMap((a) => a.getComments())),
    getDirectives: () => first.getDirectives(),
    getEscapeCharacter: () => first.getEscapeCharacter(),
    // ARGs before the first FROM all sit in the first piece.
    getInitialARGs: () => first.getInitialARGs(),
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (i + 1 < text.length) starts.push(i + 1);
  return starts;
}

/** Lines (0-based) where a piece may start, at most MAX_PIECES - 1 of them. */
export function stageCuts(text: string, starts = lineStarts(text)): number[] {
  // Heredocs, another escape character, or a lone CR (a line break to the parser, not to this
  // scan, so line numbers would differ): one piece.
  if (text.includes('<<') || /\r(?!\n)/.test(text) || !defaultEscape(text)) return [];
  // A line without its line ending (JavaScript's `.` and `$` stop at \r and \n).
  const lineAt = (i: number) => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length).replace(/\r?\n$/, '');
  const blankOrComment = (i: number) => /^\s*(#.*)?$/.test(lineAt(i));
  const cuts: number[] = [];
  let seenFrom = false;
  for (let i = 0; i < starts.length; i++) {
    if (!/^FROM[ \t]/i.test(lineAt(i))) continue;
    // The first FROM, and everything before it (directives, global ARGs), is the first piece.
    if (!seenFrom) {
      seenFrom = true;
      continue;
    }
    let above = i - 1;
    while (above >= 0 && blankOrComment(above)) above--;
    if (above >= 0 && !/\\\s*$/.test(lineAt(above))) cuts.push(i);
  }
  if (cuts.length < MAX_PIECES) return cuts;
  const step = Math.ceil(cuts.length / (MAX_PIECES - 1));
  return cuts.filter((_, index) => index % step === step - 1);
}

/** True unless a leading `# escape=` directive picks something other than a backslash. */
function defaultEscape(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split('\n', 32);
  for (const line of lines) {
    const directive = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S*)/.exec(line);
    if (!directive) return true;
    if (directive[1].toLowerCase() === 'escape') return directive[2] === '\\';
  }
  return true;
}
