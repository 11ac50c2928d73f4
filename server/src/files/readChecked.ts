/**
 * Reading a file to lint, the same way everywhere (CLI, `pin`, the server's workspace scan):
 * files over 5 MiB and files with NUL bytes (binary) are not read as text, and a UTF-8 byte-order
 * mark is taken off (and reported, so a fix written back keeps it).
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { problemFor, type FileProblem } from './discover';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string; bom: boolean } | { ok: false; problem: FileProblem };

function tooLarge(path: string, display: string): ReadOutcome {
  return { ok: false, problem: { path, kind: 'too-large', message: `${display}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` } };
}

function fromBuffer(path: string, display: string, buffer: Buffer): ReadOutcome {
  if (buffer.includes(0)) return { ok: false, problem: { path, kind: 'binary', message: `${display}: skipped, binary content (NUL bytes)` } };
  const text = buffer.toString('utf8');
  const bom = text.startsWith('\uFEFF');
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

/** Synchronous: the CLI reads its files while nothing else runs (one await per file cost a thread-pool round trip each). */
export function readCheckedFileSync(path: string, display = path): ReadOutcome {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return tooLarge(path, display);
    return fromBuffer(path, display, readFileSync(path));
  } catch (error) {
    return { ok: false, problem: problemFor(display, error, 'cannot read') };
  }
}

export async function readCheckedFile(path: string, display = path): Promise<ReadOutcome> {
  try {
    if ((await fs.stat(path)).size > MAX_FILE_BYTES) return tooLarge(path, display);
    return fromBuffer(path, display, await fs.readFile(path));
  } catch (error) {
    return { ok: false, problem: problemFor(display, error, 'cannot read') };
  }
}

/**
 * A file's text for a quick look at what it is (a key, a start script), when it is a regular
 * file of at most `maxBytes`; else null (folders, large or unreadable files).
 */
export function readSmallText(path: string, maxBytes: number): string | null {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size <= maxBytes ? readFileSync(path, 'utf8') : null;
  } catch {
    return null;
  }
}
