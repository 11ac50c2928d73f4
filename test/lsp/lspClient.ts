/**
 * A minimal LSP client for tests: starts the built server (`dist/server.js --stdio`) as a
 * child process and speaks real JSON-RPC to it. Waits are on events (a diagnostics
 * notification, an applyEdit request), never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

type Waiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Settings returned for `workspace/configuration`, per scope URI (or `*`). */
  settings: Record<string, unknown> = {};
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly stderr: string[] = [];
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: Waiter[] = [];
  private editWaiters: ((edit: WorkspaceEdit) => void)[] = [];
  /** What the server wrote to the Output channel (window/logMessage), in order. */
  readonly logs: string[] = [];
  private logWaiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || !w.accept(params)) return true;
        w.resolve(params);
        return false;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => params.items.map((item) => this.settings[item.scopeUri ?? ''] ?? this.settings['*'] ?? {}));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      for (const waiter of this.editWaiters.splice(0)) waiter(params.edit);
      return { applied: true };
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.logWaiters = this.logWaiters.filter((w) => {
        if (!w.pattern.test(params.message)) return true;
        w.resolve(params.message);
        return false;
      });
    });
    this.connection.listen();
  }

  async initialize(capabilities: Record<string, unknown> = { workspace: { configuration: true, applyEdit: true } }, initializationOptions?: Record<string, unknown>) {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, ...(initializationOptions ? { initializationOptions } : {}) });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version: string } };
  }

  /** Resolves with the first diagnostics for `uri` (already received or future) that `accept` takes. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = (this.published.get(uri) ?? []).find(accept);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Resolves with the first Output channel line (already written or future) that matches. */
  log(pattern: RegExp): Promise<string> {
    const seen = this.logs.find((line) => pattern.test(line));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.logWaiters.push({ pattern, resolve }));
  }

  /** Whether any diagnostics were published for a URI so far. */
  hasPublished(uri: string): boolean {
    return this.published.has(uri);
  }

  nextAppliedEdit(): Promise<WorkspaceEdit> {
    return new Promise((resolve) => this.editWaiters.push(resolve));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]) {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<{ title: string; kind?: string; isPreferred?: boolean; edit?: WorkspaceEdit }[]>;
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await new Promise((resolve) => this.process.once('exit', resolve));
    this.connection.dispose();
  }
}

/** Applies the edits of a WorkspaceEdit for one document to its text. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = [];
  for (const change of edit?.documentChanges ?? []) if ('edits' in change) edits.push(...(change.edits as TextEdit[]));
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  return edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((acc, e) => acc.slice(0, e.start) + e.text + acc.slice(e.end), text);
}
