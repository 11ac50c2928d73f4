/**
 * Registry credentials from Docker's own config (`$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`, the `auths` entries written by `docker login`). Credential helpers
 * are not run: this tool executes nothing. Values are kept in memory and never logged.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from '../engine/knowledge/imageRef';

export interface Credentials {
  username: string;
  password: string;
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

export function dockerConfigCredentials(env: NodeJS.ProcessEnv = process.env): (registry: string) => Credentials | null {
  let auths: Record<string, { auth?: string; username?: string; password?: string }> = {};
  try {
    const path = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
    auths = (JSON.parse(readFileSync(path, 'utf8')) as { auths?: typeof auths }).auths ?? {};
  } catch {
    // No config, or unreadable: anonymous access.
  }
  const normalized = new Map<string, (typeof auths)[string]>();
  for (const [key, value] of Object.entries(auths)) normalized.set(key.replace(/^https?:\/\//, '').replace(/\/.*$/, ''), value);
  return (registry) => {
    const keys = registry === DOCKER_HUB ? HUB_KEYS.map((k) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '')) : [registry];
    for (const key of keys) {
      const entry = normalized.get(key);
      if (!entry) continue;
      if (entry.username && entry.password) return { username: entry.username, password: entry.password };
      if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      }
    }
    return null;
  };
}
