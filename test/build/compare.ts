/** What "the same image" means for a safe fix: the file tree outside package caches and logs. */
import assert from 'node:assert/strict';

/**
 * Package caches (what a clean-up fix removes on purpose) and files every build writes anew
 * (logs, dpkg's backups): they differ between two builds of the same Dockerfile.
 */
const VOLATILE_PREFIXES = ['/var/lib/apt/lists/', '/var/cache/apt/', '/var/log/', '/root/.cache/', '/root/.npm/', '/var/cache/apk/', '/tmp/', '/var/tmp/', '/proc/', '/sys/', '/dev/', '/run/'];
const VOLATILE_FILES = new Set(['/etc/ld.so.cache', '/var/cache/ldconfig/aux-cache', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);

export function VOLATILE(path: string): boolean {
  // dpkg's and debconf's backups of their own databases
  if (VOLATILE_FILES.has(path) || path.endsWith('-old')) return true;
  return VOLATILE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** Fails with the first differences when the trees differ outside the fix's intended paths. */
export function sameFiles(before: Map<string, string>, after: Map<string, string>, intentPaths: readonly string[]): void {
  const intended = (path: string) => intentPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const differences: string[] = [];
  for (const [path, signature] of before) {
    if (intended(path)) continue;
    const now = after.get(path);
    if (now === undefined) differences.push(`removed ${path} (${signature})`);
    else if (now !== signature) differences.push(`changed ${path}: ${signature} -> ${now}`);
  }
  for (const [path, signature] of after) {
    if (!before.has(path) && !intended(path)) differences.push(`added ${path} (${signature})`);
  }
  assert.deepEqual(differences.slice(0, 20), [], `the file tree differs in ${differences.length} places`);
}
