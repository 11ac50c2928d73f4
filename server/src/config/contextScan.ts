/**
 * Listing a build context for the dockerignore rule: bounded (entries and depth), never
 * following symlinked folders, skipping inside `.git` and `node_modules` (their presence is what
 * matters), surviving unreadable folders. Cached per folder by callers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildContext } from '../engine/buildContext';
import { configHoldsSecret, isPublicKeyText, secretFileKind } from '../engine/knowledge/secrets';
import { readSmallText } from '../files/readChecked';
import { privilegeDroppers } from './privilegeDrop';

const MAX_ENTRIES = 5000;
const MAX_DEPTH = 6;
const OPAQUE = new Set(['.git', 'node_modules', '.hg', '.svn', '.venv', 'venv', 'vendor', 'target', '__pycache__']);

export function scanBuildContext(dockerfilePath: string, root = dirname(dockerfilePath)): BuildContext {
  return { ...scanContextFolder(root), ignoreFile: ignoreFileFor(dockerfilePath, root) };
}

/** What a context folder holds, whichever Dockerfile builds with it: its listing and the verdicts on files read in it. */
export type ContextFolder = Pick<BuildContext, 'root' | 'entries' | 'harmless' | 'dropsPrivileges' | 'restrictedSsh'>;

export function scanContextFolder(root: string): ContextFolder {
  const entries: string[] = [];
  const folders = new Set<string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    if (entries.length >= MAX_ENTRIES || depth > MAX_DEPTH) return;
    let names: import('node:fs').Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // A folder's own entries first, then its subfolders: in a large context the cap cuts deep
    // files, never the top-level ones (Unleash's pnpm-workspace.yaml came after frontend/'s thousands).
    const subfolders: [string, string][] = [];
    for (const entry of names) {
      if (entries.length >= MAX_ENTRIES) return;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      entries.push(relative);
      if (entry.isDirectory()) folders.add(relative);
      if (entry.isDirectory() && !OPAQUE.has(entry.name)) subfolders.push([join(dir, entry.name), relative]);
    }
    for (const [path, relative] of subfolders) walk(path, relative, depth + 1);
  };
  walk(root, '', 0);
  const harmless = entries.filter((entry) => isHarmless(join(root, entry), entry, folders.has(entry)));
  const dropsPrivileges = privilegeDroppers(root, entries);
  const restrictedSsh = entries.filter((entry) => /(^|\/)sshd_config$/.test(entry) && limitsSsh(readSmallText(join(root, entry), MAX_SNIFF_BYTES))).slice(0, 20);
  return {
    root,
    entries,
    ...(harmless.length > 0 ? { harmless } : {}),
    ...(dropsPrivileges.length > 0 ? { dropsPrivileges } : {}),
    ...(restrictedSsh.length > 0 ? { restrictedSsh } : {}),
  };
}

/** The ignore file Docker reads for this Dockerfile: `<Dockerfile>.dockerignore` first, then the context's `.dockerignore`. */
export function ignoreFileFor(dockerfilePath: string, root: string): BuildContext['ignoreFile'] {
  for (const path of [`${dockerfilePath}.dockerignore`, join(root, '.dockerignore')]) {
    try {
      if (existsSync(path) && statSync(path).isFile()) return { path, text: readFileSync(path, 'utf8') };
    } catch {
      // Unreadable: as if absent.
    }
  }
  return null;
}

/** gogs' sshd_config: `AllowUsers git`, keys written with `command=`: git over SSH, no shell. */
function limitsSsh(text: string | null): boolean {
  return text !== null && /^\s*(AllowUsers|ForceCommand|AuthorizedKeysCommand)\s+\S/im.test(text);
}

/** Files read to tell a settings-only `.npmrc` or a public key from a secret: small ones only. */
const MAX_SNIFF_BYTES = 64 * 1024;

/**
 * A file whose name looks secret (a key, `.npmrc`, `.pypirc`) but whose content holds none. `.env`
 * files and credential folders are always taken for secret: their purpose is to hold them.
 */
function isHarmless(path: string, entry: string, isFolder: boolean): boolean {
  const kind = secretFileKind(entry);
  // A folder named like a secret file (homarr's packages/auth/providers/credentials, source code):
  // what is in it is judged file by file.
  if (kind !== null && isFolder && kind.what !== 'a credentials folder') return true;
  const isKey = kind !== null && /key/.test(kind.what);
  if (!kind || !(kind.maybe || isKey)) return false;
  const text = readSmallText(path, MAX_SNIFF_BYTES);
  if (text === null) return false;
  return kind.maybe ? !configHoldsSecret(text) : isPublicKeyText(text);
}
