/** Relative paths as compose and CI files write them, joined without touching the disk. */

/** Joins relative paths the POSIX way, folding `.` and `..`; null for absolute or remote paths. */
export function joinRelative(...parts: string[]): string | null {
  const out: string[] = [];
  for (const part of parts) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(part) || part.startsWith('git@')) return null;
    if (part.startsWith('/')) out.length = 0;
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
        else out.pop();
      } else out.push(segment);
    }
  }
  return out.length === 0 ? '.' : out.join('/');
}
