/**
 * Docker syntax errors (dockerfile-utils) for open Dockerfiles, published with our findings.
 * dockerfile-utils re-parses the whole text (about 30 ms for 1,000 lines), which would double
 * the delay of every keystroke in a long file. So in long files, while typing, the last syntax
 * errors are kept as long as no line was added or removed (their positions still hold), and a
 * fresh check runs once typing pauses. Short files, opening and saving are always checked at once.
 */
import { validate } from 'dockerfile-utils';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Below this size a check costs less than a millisecond or two. */
const EAGER_CHARS = 8 * 1024;
const PAUSE_MS = 300;

export class SyntaxChecks {
  private readonly last = new Map<string, { version: number; lineCount: number; diagnostics: Diagnostic[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly republish: (document: TextDocument) => void,
  ) {}

  diagnosticsFor(document: TextDocument, checkNow: boolean): Diagnostic[] {
    const cached = this.last.get(document.uri);
    if (cached?.version === document.version) return cached.diagnostics;
    if (checkNow || document.getText().length < EAGER_CHARS) return this.check(document);
    this.schedule(document.uri);
    return cached && cached.lineCount === document.lineCount ? cached.diagnostics : [];
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.last.delete(uri);
  }

  private schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const document = this.current(uri);
        if (!document) return;
        this.check(document);
        this.republish(document);
      }, PAUSE_MS),
    );
  }

  private check(document: TextDocument): Diagnostic[] {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = validate(document.getText()).map((d) => ({ ...d, source: 'dockerfile-utils' }));
    } catch {
      diagnostics = [];
    }
    this.last.set(document.uri, { version: document.version, lineCount: document.lineCount, diagnostics });
    return diagnostics;
  }
}
