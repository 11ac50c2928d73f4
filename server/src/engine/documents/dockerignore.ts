/**
 * `.dockerignore` matching as Docker does it (moby's patternmatcher): each line becomes a
 * regular expression (`*` → `[^/]*`, `**` → any folders, `?` → one character, `!` re-includes,
 * the last matching line wins, and a path is also excluded when a parent folder matches).
 *
 * Docker compiles those expressions with Go's regexp package, which runs in linear time and
 * passes other characters of a line through as regexp syntax. A JavaScript RegExp would
 * backtrack: a 30-character line such as `*a*a*a*a*a*a*a*c` took half a minute on one file
 * name. So the expressions are compiled with RE2JS, a port of the same RE2 engine: the same
 * syntax as Docker's, and linear time whatever the file says.
 */
import { posix } from 'node:path';
import { RE2JS } from 're2js';

interface Pattern {
  negative: boolean;
  /** How many folders the line names: a parent of a path with that many folders is matched too. */
  folders: number;
  /** The line has a `**` folder, which matches any number of folders: parents from `folders` up are tried. */
  anyFolders: boolean;
  /** Null when the line is not a valid expression: Docker rejects the build; here it matches nothing. */
  regexp: RE2JS | null;
}

/** Go's filepath.Clean, for slash-separated paths. */
function clean(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 ? normalized.replace(/\/$/, '') : normalized;
}

function parseLine(line: string): Pattern | null {
  let text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  let negative = false;
  if (text.startsWith('!')) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (text === '') return null;
  text = clean(text);
  if (text.length > 1 && text.startsWith('/')) text = text.slice(1);
  const dirs = text.split('/');
  const fixed = dirs.filter((d) => d !== '**').length;
  return { negative, folders: fixed, anyFolders: fixed !== dirs.length, regexp: compile(text) };
}

/** moby's pattern-to-regexp translation, character for character. */
function compile(pattern: string): RE2JS | null {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` is read as `**`.
        if (pattern[i + 1] === '/') i++;
        source += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else source += '[^/]*';
    } else if (ch === '?') source += '[^/]';
    else if (ch === '.' || ch === '$') source += `\\${ch}`;
    else if (ch === '\\') {
      if (i + 1 < pattern.length) {
        source += `\\${pattern[i + 1]}`;
        i++;
      } else source += '\\\\';
    } else source += ch;
  }
  source += '$';
  try {
    return RE2JS.compile(source);
  } catch {
    return null;
  }
}

export interface DockerIgnore {
  /** Whether Docker leaves this path (relative to the context, forward slashes) out of the context. */
  ignores(path: string): boolean;
}

export function parseDockerIgnore(text: string): DockerIgnore {
  const patterns = text
    .split(/\r?\n/)
    .map(parseLine)
    .filter((p): p is Pattern => p !== null);
  const cache = new Map<string, boolean>();
  const matches = (pattern: Pattern, path: string) => pattern.regexp !== null && pattern.regexp.matches(path);
  const test = (path: string): boolean => {
    const file = clean(path);
    const parent = clean(posix.dirname(file));
    const parentDirs = parent.split('/');
    let ignored = false;
    for (const pattern of patterns) {
      let match = matches(pattern, file);
      if (!match && parent !== '.') {
        if (pattern.anyFolders) {
          for (let i = pattern.folders; i <= parentDirs.length && !match; i++) match = matches(pattern, parentDirs.slice(0, i).join('/'));
        } else if (pattern.folders <= parentDirs.length) {
          match = matches(pattern, parentDirs.slice(0, pattern.folders).join('/'));
        }
      }
      if (match) ignored = !pattern.negative;
    }
    return ignored;
  };
  return {
    ignores(path) {
      if (!path) return false;
      let result = cache.get(path);
      if (result === undefined) {
        result = test(path);
        cache.set(path, result);
      }
      return result;
    },
  };
}
