/**
 * The Problems view for the whole workspace: every file the tool understands, in every
 * workspace folder, is checked and published even if it was never opened, then kept current
 * from file-watcher events (one file at a time, no rescans). Respects `files.exclude`, the
 * folder's `.gitignore` and `dockerfileHardening.workspaceScan.exclude`; shows progress on large
 * workspaces; survives symlink loops, unreadable folders, huge and vanished files.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { DiagnosticSeverity, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { discover } from '../files/discover';
import { MAX_FILE_BYTES, readCheckedFile } from '../files/readChecked';
import { matchesAny } from '../config/glob';
import { fileKindOf } from '../engine/fileKinds';
import { normalizeWorkspaceScan } from '../../../shared/settings';
import { notCheckedDiagnostic } from './convert';
import type { Validator } from './validation';

const PROGRESS_THRESHOLD = 50;

interface Folder {
  path: string;
  gitignore: Ignore;
  excludes: string[];
}

export class WorkspaceScan {
  /** Files published from disk (not open in the editor). */
  private readonly published = new Set<string>();
  private folders: Folder[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly validator: Validator,
  ) {}

  async scan(folderUris: string[]): Promise<void> {
    this.folders = [];
    const files: string[] = [];
    for (const uri of folderUris) {
      if (!uri.startsWith('file:')) continue;
      const folder = await this.folder(fileURLToPath(uri), uri);
      if (!folder) continue;
      this.folders.push(folder);
      const found = await discover([folder.path]);
      for (const problem of found.problems) this.connection.console.warn(`workspace scan: ${problem}`);
      files.push(...found.files.filter((f) => !this.excluded(f)));
    }
    this.validator.setWorkspace(
      this.folders.map((f) => f.path),
      files.filter((f) => fileKindOf(f) === 'dockerfile'),
    );
    const started = Date.now();
    let findings = 0;
    const progress = files.length >= PROGRESS_THRESHOLD ? await this.connection.window.createWorkDoneProgress() : null;
    progress?.begin('Dockerfile Hardening', 0, `Checking ${files.length} files`, false);
    for (let i = 0; i < files.length; i++) {
      findings += await this.lintFromDisk(files[i]);
      if (progress && i % 25 === 0) progress.report(Math.round((i / files.length) * 100), `${i}/${files.length}`);
      // Let queued requests (a keystroke, a hover) through between files.
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    progress?.done();
    // The Output channel says what the scan did, so "0 0" in the status bar is never a mystery.
    this.connection.console.info(
      `workspace scan: ${files.length} file${files.length === 1 ? '' : 's'} in ${this.folders.length} folder${this.folders.length === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}, ${Date.now() - started} ms`,
    );
  }

  /** A watched file was created, changed or deleted (LSP FileChangeType 1, 2, 3). */
  async fileChanged(uri: string, type: number): Promise<void> {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    if (!fileKindOf(path) || this.excluded(path) || this.documents.get(uri)) return;
    if (type === 3) {
      this.published.delete(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    } else {
      await this.lintFromDisk(path);
    }
  }

  /** A document was closed: show what is on disk again. */
  async closed(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || this.folders.length === 0) return;
    const path = fileURLToPath(uri);
    if (this.folders.some((f) => path.startsWith(f.path + sep)) && !this.excluded(path)) await this.lintFromDisk(path);
  }

  /** Everything published from disk again (a config or ignore file changed). */
  async relintAll(): Promise<void> {
    for (const uri of [...this.published]) if (!this.documents.get(uri)) await this.lintFromDisk(fileURLToPath(uri));
  }

  /** Publishes a file's findings from disk; the number published. */
  private async lintFromDisk(path: string): Promise<number> {
    const uri = pathToFileURL(path).href;
    if (this.documents.get(uri)) return 0;
    try {
      if (!(await fs.stat(path)).isFile()) return 0;
      const read = await readCheckedFile(path);
      if (!read.ok) {
        // Too large: say so in the Problems view. Binary or unreadable: nothing to show.
        if (read.problem.kind === 'too-large')
          await this.connection.sendDiagnostics({ uri, diagnostics: [notCheckedDiagnostic(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, DiagnosticSeverity.Information)] });
        return 0;
      }
      const diagnostics = await this.validator.diagnosticsForText(uri, read.text);
      this.published.add(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics });
      return diagnostics.length;
    } catch {
      // Vanished or unreadable since it was listed: nothing to show.
      if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return 0;
    }
  }

  private async folder(path: string, uri: string): Promise<Folder | null> {
    try {
      await fs.access(path);
    } catch {
      return null;
    }
    const gitignore = ignore();
    try {
      gitignore.add(readFileSync(join(path, '.gitignore'), 'utf8'));
    } catch {
      // No .gitignore.
    }
    const excludes: string[] = [];
    try {
      const [files, own] = await this.connection.workspace.getConfiguration([
        { scopeUri: uri, section: 'files.exclude' },
        { scopeUri: uri, section: 'dockerfileHardening.workspaceScan' },
      ]);
      for (const [glob, on] of Object.entries((files ?? {}) as Record<string, unknown>)) if (on === true) excludes.push(join(path, glob));
      const scan = normalizeWorkspaceScan(own);
      if (!scan.enable) return null;
      for (const glob of scan.exclude) excludes.push(join(path, glob));
    } catch {
      // A client without workspace/configuration: no extra excludes.
    }
    return { path, gitignore, excludes };
  }

  private excluded(path: string): boolean {
    const folder = this.folders.find((f) => path.startsWith(f.path + sep));
    if (!folder) return true;
    const rel = relative(folder.path, path).split(sep).join('/');
    return folder.gitignore.ignores(rel) || matchesAny(path, folder.excludes);
  }
}
