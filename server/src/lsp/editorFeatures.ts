/**
 * Everyday Dockerfile editing from dockerfile-language-service: completion, hover, signature
 * help, formatting, symbols, folding, semantic tokens, links, highlights, rename and
 * go-to-definition of ARGs and stages. Off when another Dockerfile extension already provides
 * them (the client decides), so users never see everything twice.
 */
import { SignatureHelpTriggerKind, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';

/** The token types and modifier bits DockerSemanticTokens emits, in its order. */
export const SEMANTIC_TOKENS_LEGEND = {
  tokenTypes: ['keyword', 'comment', 'parameter', 'property', 'namespace', 'class', 'macro', 'string', 'variable', 'operator', 'modifier'],
  tokenModifiers: ['declaration', 'definition', 'deprecated'],
};

export function editorCapabilities(): ServerCapabilities {
  return {
    completionProvider: { triggerCharacters: ['=', ' ', '$', '-'], resolveProvider: true },
    signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentHighlightProvider: true,
    documentLinkProvider: { resolveProvider: true },
    definitionProvider: true,
    renameProvider: { prepareProvider: true },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
  };
}

export function registerEditorFeatures(connection: Connection, documents: TextDocuments<TextDocument>) {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown'] } });
  const text = (uri: string) => documents.get(uri)?.getText();
  const withText = <T>(uri: string, fallback: T, compute: (content: string) => T): T => {
    const content = text(uri);
    return content === undefined ? fallback : compute(content);
  };

  connection.onCompletion((p) => withText(p.textDocument.uri, [], (c) => service.computeCompletionItems(c, p.position)));
  connection.onCompletionResolve((item) => service.resolveCompletionItem(item));
  connection.onSignatureHelp((p) =>
    withText(p.textDocument.uri, null, (c) => {
      // Typing a RUN body (a space, a `-`, an `=`) popped Docker's RUN help over the code being
      // written: there it answers only when asked (Ctrl+Shift+Space) or when already showing.
      const typed = p.context?.triggerKind === SignatureHelpTriggerKind.TriggerCharacter && !p.context.isRetrigger;
      if (typed && inRunBody(c, p.position)) return null;
      return service.computeSignatureHelp(c, p.position);
    }),
  );
  connection.onDocumentFormatting((p) => withText(p.textDocument.uri, [], (c) => service.format(c, p.options)));
  connection.onDocumentRangeFormatting((p) => withText(p.textDocument.uri, [], (c) => service.formatRange(c, p.range, p.options)));
  connection.onDocumentOnTypeFormatting((p) => withText(p.textDocument.uri, [], (c) => service.formatOnType(c, p.position, p.ch, p.options)));
  connection.onDocumentSymbol((p) => withText(p.textDocument.uri, [], (c) => service.computeSymbols(p.textDocument, c)));
  connection.onFoldingRanges((p) => withText(p.textDocument.uri, [], (c) => service.computeFoldingRanges(c)));
  connection.onDocumentHighlight((p) => withText(p.textDocument.uri, [], (c) => service.computeHighlightRanges(c, p.position)));
  connection.onDocumentLinks((p) => withText(p.textDocument.uri, [], (c) => service.computeLinks(c)));
  connection.onDocumentLinkResolve((link) => service.resolveLink(link));
  connection.onDefinition((p) => withText(p.textDocument.uri, null, (c) => service.computeDefinition(p.textDocument, c, p.position)));
  connection.onPrepareRename((p) => withText(p.textDocument.uri, null, (c) => service.prepareRename(c, p.position)));
  connection.onRenameRequest((p) => withText(p.textDocument.uri, null, (c) => ({ changes: { [p.textDocument.uri]: service.computeRename(p.textDocument, c, p.position, p.newName) } })));
  connection.languages.semanticTokens.on((p) => withText(p.textDocument.uri, { data: [] }, (c) => withoutEmptyTokens(service.computeSemanticTokens(c))));
  return service;
}

/** Whether the position is past the RUN keyword of a RUN instruction (continuation lines included). */
export function inRunBody(text: string, position: { line: number; character: number }): boolean {
  const lines = text.split(/\r?\n/);
  // Back to the line the instruction starts on: the first earlier line that does not end in a continuation.
  let start = position.line;
  while (start > 0 && /\\\s*$/.test(lines[start - 1] ?? '')) start--;
  const match = /^\s*run\s/i.exec(lines[start] ?? '');
  return match !== null && (start < position.line || position.character >= match[0].length);
}

/**
 * The language service emits a zero-length token for an empty value (`ARG X=`), which VS Code
 * logs as invalid. Tokens come as (line delta, start delta, length, type, modifiers): the empty
 * ones are dropped and the deltas of the next token re-based.
 */
export function withoutEmptyTokens(tokens: { data: number[] }): { data: number[] } {
  const data: number[] = [];
  let line = 0;
  let start = 0;
  let lastLine = 0;
  let lastStart = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    if (length === 0) continue;
    data.push(line - lastLine, line === lastLine ? start - lastStart : start, length, type, modifiers);
    lastLine = line;
    lastStart = start;
  }
  return { ...tokens, data };
}
