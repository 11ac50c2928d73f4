/**
 * Lookup results with an expiry, in memory and optionally in a JSON file (so the CLI and a
 * restarted editor do not ask the registry again for an hour). Only tags and digests are
 * stored: never credentials or tokens.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

interface Entry {
  value: unknown;
  expires: number;
}

export class RegistryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly file: string | null = null,
    private readonly now: () => number = Date.now,
  ) {
    if (file) this.load(file);
  }

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    if (this.file) this.save(this.file);
  }

  private load(file: string): void {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
      for (const [key, entry] of Object.entries(data)) if (entry.expires > this.now()) this.entries.set(key, entry);
    } catch {
      // Missing or damaged cache: start empty.
    }
  }

  private save(file: string): void {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(Object.fromEntries(this.entries)));
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only costs a lookup next time.
    }
  }
}

/** `$XDG_CACHE_HOME/dockerfile-hardening/registry.json` (or under ~/.cache). */
export function defaultCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'dockerfile-hardening', 'registry.json');
}
