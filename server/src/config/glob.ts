/**
 * Glob matching for `exclude` entries (config files, the workspace scan's settings): `**` (any
 * folders), `*` and `?` (within a folder name), `[abc]` / `[!a-z]`, and `{yml,yaml}`. A glob that
 * names a folder also excludes what is in it.
 *
 * Globs come from the repository being checked, so matching must not backtrack: regex-based glob
 * libraries (picomatch, minimatch) took seconds to minutes on a path for globs such as
 * `**a**a**a**a**a**a**c`. The glob is translated to RE2 syntax and matched by RE2JS, in time
 * linear in the path.
 */
import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS | null>();
/** Braces nest at most this deep; deeper ones are literal text. */
const MAX_BRACE_DEPTH = 8;
/** Longer globs match nothing: no real one is this long, and the look-aheads for `]` and `}` stay cheap. */
const MAX_GLOB_LENGTH = 4096;

/** RE2 source for a glob; exported for tests. */
export function globToSource(glob: string): string {
  return `^${translate(glob, 0, 0, false).source}(?:/.*)?$`;
}

interface Translated {
  source: string;
  /** Where reading stopped: the end, or (inside braces) at the `,` or `}` that ends the alternative. */
  end: number;
}

function translate(glob: string, start: number, depth: number, inBraces: boolean): Translated {
  let source = '';
  let i = start;
  while (i < glob.length) {
    const ch = glob[i];
    if (inBraces && (ch === ',' || ch === '}')) return { source, end: i };
    if (ch === '*' && glob[i + 1] === '*') {
      i += 2;
      // `***` is `**`.
      while (glob[i] === '*') i++;
      if (glob[i] === '/') {
        source += '(?:.*/)?';
        i++;
      } else source += '.*';
    } else if (ch === '*') {
      source += '[^/]*';
      i++;
      while (glob[i] === '*' && glob[i + 1] !== '*') i++;
    } else if (ch === '?') {
      source += '[^/]';
      i++;
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        i++;
      } else {
        let body = glob.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^/' : ''}${body.replace(/[\\\]\[^]/g, '\\$&')}]`;
        i = close + 1;
      }
    } else if (ch === '{' && depth < MAX_BRACE_DEPTH && hasClosingBrace(glob, i)) {
      const alternatives: string[] = [];
      let at = i + 1;
      for (;;) {
        const part = translate(glob, at, depth + 1, true);
        alternatives.push(part.source);
        at = part.end + 1;
        if (glob[part.end] === '}' || part.end >= glob.length) break;
      }
      source += `(?:${alternatives.join('|')})`;
      i = at;
    } else {
      source += /[\\.+^$|()[\]{}]/.test(ch) ? `\\${ch}` : ch;
      i++;
    }
  }
  return { source, end: i };
}

/** Whether the `{` at `open` has its `}` (counting nested pairs). */
function hasClosingBrace(glob: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return true;
  }
  return false;
}

function compiled(glob: string): RE2JS | null {
  if (cache.has(glob)) return cache.get(glob)!;
  let re: RE2JS | null = null;
  if (glob.length <= MAX_GLOB_LENGTH)
    try {
      re = RE2JS.compile(globToSource(glob));
    } catch {
      // Not a glob RE2 accepts (it cannot happen for the syntax above; never a crash if it does).
      re = null;
    }
  cache.set(glob, re);
  return re;
}

export function matchesGlob(path: string, glob: string): boolean {
  return compiled(glob.replace(/\\/g, '/'))?.matches(path.replace(/\\/g, '/')) ?? false;
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}
