/**
 * Finding the files to lint, for the CLI and the server's workspace scan: explicit files are
 * taken as they are; folders are searched recursively for every kind the tool reads, surviving
 * symlink loops and unreadable folders.
 */
import { promises as fs, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileKindOf } from '../engine/fileKinds';

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** Dockerfiles, compose files and devcontainer.json files (see engine/fileKinds.ts). */
export function isCheckedFile(path: string): boolean {
  return fileKindOf(path) !== null;
}

/** Why a path was not read. The CLI's exit status is decided by `kind`, never by the message. */
export interface FileProblem {
  path: string;
  kind: 'missing' | 'unreadable' | 'too-large' | 'binary';
  /** For people: `<path>: <what happened>`. */
  message: string;
}

export interface Discovery {
  files: string[];
  problems: FileProblem[];
}

export function problemFor(path: string, error: unknown, what = ''): FileProblem {
  const code = (error as NodeJS.ErrnoException)?.code;
  return { path, kind: code === 'ENOENT' ? 'missing' : 'unreadable', message: `${path}: ${what ? `${what} (${reason(error)})` : reason(error)}` };
}

export async function discover(paths: readonly string[]): Promise<Discovery> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const visited = new Set<string>();

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      problems.push(problemFor(dir, error));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(problemFor(dir, error, 'cannot read folder'));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(path).catch(() => null);
        if (!target) continue;
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir && !SKIPPED_DIRS.has(entry.name)) await walk(path);
      else if (isFile && isCheckedFile(path)) files.push(path);
    }
  }

  // The paths given are few (the server's folders) or a command line's list of files: one stat
  // each, synchronously, rather than a round trip through the thread pool per file.
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      stat = error as Error;
    }
    if (stat instanceof Error) {
      problems.push(problemFor(path, stat));
    } else if (stat.isDirectory()) {
      await walk(path);
    } else {
      files.push(path);
    }
  }
  return { files: [...new Set(files)], problems };
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}
