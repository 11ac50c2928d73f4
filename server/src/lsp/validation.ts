/**
 * Runs the engine on open documents and publishes diagnostics: at once on open and save,
 * shortly after the last keystroke while typing (or only on save, per settings).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ContextCache } from '../config/contextCache';
import { ConfigResolver } from '../config/resolver';
import { RoleFactsSource } from '../config/roleFacts';
import { ParseCache } from '../engine/dockerfile/chunkedParse';
import { fileKindOf } from '../engine/fileKinds';
import { type LintOptions, type LintResult } from '../engine/linter';
import { linter } from '../defaultLinter';
import { runWithDeadline } from '../runner/deadline';
import { DEFAULT_DEADLINE_MS, DEFAULT_HEAP_MB, LintPool } from '../runner/lintPool';
import { notCheckedDiagnostic, toDiagnostic } from './convert';
import type { SettingsStore } from './settings';
import { SyntaxChecks } from './syntaxChecks';

/**
 * While typing: lint right away (after the messages already queued) when the last lint of the
 * document was quick, and wait for a pause when it was slow, so big files don't lint per key.
 */
const SLOW_LINT_MS = 50;
/** Larger files are not checked (as in the CLI): nobody writes a 5 MB Dockerfile by hand. */
const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;
const TYPING_DELAY_MS = 75;
/**
 * The document being edited is linted on the server's own thread (its parse cache and the code
 * actions need the result here), so its budget is short: the editor waits for it.
 */
const OPEN_DOCUMENT_DEADLINE_MS = 3_000;
/** Files that are not open are linted in a worker, like the CLI's, which ends after a pause. */
const SCAN_WORKER_IDLE_MS = 30_000;

export interface LintCacheEntry {
  version: number;
  result: LintResult;
}

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastDuration = new Map<string, number>();
  /** The last result per document, reused by code actions for the same version. */
  private readonly results = new Map<string, LintCacheEntry>();

  private readonly configs = new ConfigResolver(null);
  private readonly contexts = new ContextCache();
  /** Image-role evidence (declarations, the FROM graph between the workspace's Dockerfiles). */
  private readonly roles = new RoleFactsSource();
  /** Parsed stages of open documents: a keystroke re-parses only the stage it is in. */
  private readonly parseCache = new ParseCache();
  /** Docker syntax errors (dockerfile-utils), kept while typing in long files. */
  private readonly syntax = new SyntaxChecks(
    (uri) => this.documents.get(uri),
    (document) => void this.validate(document),
  );
  /** Also publish Docker syntax errors (dockerfile-utils), when editor features are on. */
  syntaxDiagnostics = false;
  private readonly shownProblems = new Set<string>();
  /**
   * Documents whose lint ran past its budget, with the reason. They are not linted again while
   * typing (each try would stall the editor for the whole budget), only when saved.
   */
  private readonly overBudget = new Map<string, string>();
  /** Lints files that are not open: a worker with a deadline and a heap cap. */
  private readonly pool = new LintPool({ threads: 1, deadlineMs: DEFAULT_DEADLINE_MS, heapMb: DEFAULT_HEAP_MB, idleMs: SCAN_WORKER_IDLE_MS });

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
  ) {}

  /** The workspace scan found these folders and Dockerfiles: the evidence image roles are judged from. */
  setWorkspace(folders: readonly string[], dockerfiles: readonly string[]): void {
    this.roles.setStartFolders(folders);
    this.roles.setDockerfiles(dockerfiles.map((path) => ({ path })));
  }

  /** A config file changed on disk: forget cached configs and check everything again. */
  configChanged(): void {
    this.configs.clear();
    this.contexts.clear();
    this.roles.clear();
    this.pool.forgetCaches();
    this.results.clear();
    this.revalidateAll();
  }

  /** Diagnostics for a file that is not open (the workspace scan), from its text on disk. */
  async diagnosticsForText(uri: string, text: string): Promise<Diagnostic[]> {
    if (!(await this.settings.get(uri)).enable) return [];
    const options = await this.optionsFor(uri);
    const path = options.filePath ?? null;
    const roleFacts = typeof options.roleFacts === 'function' ? options.roleFacts() : (options.roleFacts ?? null);
    const outcome = await this.pool.lint({
      path,
      display: path ?? uri,
      text,
      severityOverrides: options.severityOverrides ?? [],
      trustedRegistries: options.trustedRegistries ?? null,
      anchors: true,
      roleFacts,
    });
    if (outcome.status !== 'done') {
      this.connection.console.warn(`${uri}: ${outcome.reason}`);
      return [notCheckedDiagnostic(outcome.status === 'skipped' ? outcome.reason : `the tool failed on this file (${outcome.reason})`)];
    }
    for (const error of outcome.internalErrors) this.connection.console.error(`${uri}: ${error}`);
    const diagnostics = outcome.findings.map((f, i) => toDiagnostic(f, outcome.anchorLines?.[i] ?? null, -1));
    diagnostics.push(...parseErrorDiagnostics(outcome));
    return diagnostics;
  }

  /** Ends the scan worker (the server is shutting down). */
  dispose(): Promise<void> {
    return this.pool.close();
  }

  /** Lint options for a document: project config (nearest up the tree), then the user's settings. */
  private async optionsFor(uri: string): Promise<LintOptions> {
    const settings = await this.settings.get(uri);
    const path = uri.startsWith('file:') || uri.startsWith('vscode-remote:') ? pathOf(uri) : null;
    const config = path ? this.configs.forFile(path) : null;
    for (const problem of config?.problems ?? []) {
      if (this.shownProblems.has(problem)) continue;
      this.shownProblems.add(problem);
      void this.connection.window.showWarningMessage(`Dockerfile Hardening: ${problem}`);
    }
    return {
      severityOverrides: [...(config?.severityOverrides ?? []), ...settings.severityOverrides],
      trustedRegistries: config?.trustedRegistries ?? null,
      filePath: path ?? undefined,
      buildContext: () => (path ? this.contexts.forFile(path) : null),
      roleFacts: () => (path ? (fileKindOf(path) === 'dockerfile' ? this.roles.factsFor(path, config?.roles) : this.roles.documentFactsFor(path, config?.roles)) : null),
    };
  }

  async onOpenOrSave(document: TextDocument): Promise<void> {
    this.cancel(document.uri);
    this.overBudget.delete(document.uri);
    await this.validate(document, true);
  }

  async onChange(document: TextDocument): Promise<void> {
    const settings = await this.settings.get(document.uri);
    if (settings.run === 'onSave') return;
    this.cancel(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(
        () => {
          this.timers.delete(document.uri);
          const current = this.documents.get(document.uri);
          if (current) void this.validate(current);
        },
        (this.lastDuration.get(document.uri) ?? 0) < SLOW_LINT_MS ? 0 : TYPING_DELAY_MS,
      ),
    );
  }

  onClose(uri: string): void {
    this.cancel(uri);
    this.results.delete(uri);
    this.overBudget.delete(uri);
    this.lastDuration.delete(uri);
    this.syntax.forget(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Re-checks every open document, e.g. after a settings change. */
  revalidateAll(): void {
    for (const document of this.documents.all()) void this.validate(document);
  }

  /** The lint result for a document's current text, computed now if needed. */
  async resultFor(document: TextDocument): Promise<LintResult> {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version) return cached.result;
    const options = await this.optionsFor(document.uri);
    const started = performance.now();
    // A file the client sent because of its folder (YAML under deploy/, a Helm template) that is
    // no kind the tool reads: nothing to check. Only Dockerfile-language documents without a
    // known name are read as Dockerfiles.
    const unknownKind = options.filePath && !fileKindOf(options.filePath) && document.languageId !== 'dockerfile';
    let result: LintResult = { findings: [], internalErrors: [], model: null };
    if (!unknownKind && !this.overBudget.has(document.uri)) {
      const run = runWithDeadline(OPEN_DOCUMENT_DEADLINE_MS, () => linter.lintFile(options.filePath ?? null, document.getText(), { ...options, parseCache: this.parseCache }));
      if (run.done) result = run.value;
      else {
        // Stopped part-way: the parse cache may hold half of this text's stages.
        this.parseCache.clear();
        this.overBudget.set(document.uri, `took longer than ${OPEN_DOCUMENT_DEADLINE_MS / 1000} s`);
        this.connection.console.warn(`${document.uri}: not checked, the lint took longer than ${OPEN_DOCUMENT_DEADLINE_MS / 1000} s`);
      }
    }
    this.lastDuration.set(document.uri, performance.now() - started);
    this.results.set(document.uri, { version: document.version, result });
    return result;
  }

  private async validate(document: TextDocument, opening = false): Promise<void> {
    const settings = await this.settings.get(document.uri);
    // The document may have changed or closed while settings were fetched.
    const current = this.documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    if (!settings.enable) {
      await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
      return;
    }
    if (document.getText().length > MAX_DOCUMENT_CHARS) {
      // Same limit as the CLI: say why there are no findings instead of stalling the editor.
      const diagnostic = notCheckedDiagnostic(`the file is larger than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB`, DiagnosticSeverity.Information);
      await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [diagnostic] });
      return;
    }
    const result = await this.resultFor(document);
    const overBudget = this.overBudget.get(document.uri);
    if (overBudget) {
      await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [notCheckedDiagnostic(`${overBudget}; checked again when you save`)] });
      return;
    }
    for (const error of result.internalErrors) this.connection.console.error(`${document.uri}: ${error}`);
    const diagnostics = result.findings.map((f) => toDiagnostic(f, result.model, document.version));
    // Docker syntax errors for Dockerfiles; YAML/JSON parse errors for compose and devcontainer files.
    if (this.syntaxDiagnostics && result.model) diagnostics.push(...this.syntax.diagnosticsFor(document, opening));
    diagnostics.push(...parseErrorDiagnostics(result));
    await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}

/** The path part of a document URI, for rules that care where a file lives. */
export function pathOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** YAML/JSON parse errors of compose, devcontainer and CI files: checked as far as they parse. */
function parseErrorDiagnostics(result: Pick<LintResult, 'syntaxErrors'>): Diagnostic[] {
  return (result.syntaxErrors ?? []).map((error) => ({ range: error.range, severity: 1, source: 'dockerfile-hardening', message: `${error.message} (checked as far as it parses)` }));
}
