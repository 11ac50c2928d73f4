/**
 * A small OCI distribution API client: tag → digest, and the tag list. Docker Hub is
 * `registry-1.docker.io` with the `library/` namespace; other registries by host. Registries on
 * localhost, 127.0.0.0/8 and [::1] are spoken to over plain HTTP, as Docker does; everything else
 * over HTTPS only. Authentication follows the registry's `WWW-Authenticate` challenge: an
 * anonymous or credentialed bearer token, or basic auth. Credentials never reach a log or an
 * error message.
 */
import { createHash } from 'node:crypto';
import { DOCKER_HUB, type ImageRef } from '../engine/knowledge/imageRef';
import type { RegistryCache } from './cache';
import type { Credentials } from './credentials';

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'auth' | 'not-found' | 'network' | 'protocol',
  ) {
    super(message);
  }
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

export interface RegistryClientOptions {
  timeoutMs?: number;
  credentials?: (registry: string) => Credentials | null;
  cache?: RegistryCache;
}

export interface ResolvedDigest {
  digest: string;
  mediaType: string | null;
}

export function isLoopback(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i.test(host);
}

export function registryBaseUrl(registry: string): string {
  const host = registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
  return `${isLoopback(host) ? 'http' : 'https'}://${host}`;
}

export class RegistryClient {
  private readonly timeoutMs: number;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** The digest a tag points to now: for a multi-arch image, the index's digest. */
  async digest(ref: ImageRef, tag = ref.tag ?? 'latest'): Promise<ResolvedDigest> {
    const key = `digest:${ref.registry}/${ref.repository}:${tag}`;
    const cached = this.options.cache?.get<ResolvedDigest>(key);
    if (cached) return cached;
    const path = `/v2/${ref.repository}/manifests/${encodeURIComponent(tag)}`;
    const headers = { Accept: MANIFEST_TYPES.join(', ') };
    let response = await this.request(ref, path, { method: 'HEAD', headers });
    let digest = response.headers.get('docker-content-digest');
    let mediaType = response.headers.get('content-type');
    if (!digest) {
      // Some registries omit the header on HEAD: the digest is the sha256 of the manifest bytes.
      response = await this.request(ref, path, { method: 'GET', headers });
      const body = Buffer.from(await response.arrayBuffer());
      digest = response.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
      mediaType = response.headers.get('content-type');
    }
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new RegistryError(`${ref.registry} answered with an unexpected digest`, 'protocol');
    const result = { digest, mediaType };
    this.options.cache?.set(key, result);
    return result;
  }

  /** Every tag of the repository (following pagination). */
  async tags(ref: ImageRef): Promise<string[]> {
    const key = `tags:${ref.registry}/${ref.repository}`;
    const cached = this.options.cache?.get<string[]>(key);
    if (cached) return cached;
    const tags: string[] = [];
    let path: string | null = `/v2/${ref.repository}/tags/list?n=1000`;
    for (let page = 0; path && page < 50; page++) {
      const response = await this.request(ref, path, { method: 'GET', headers: { Accept: 'application/json' } });
      const body = (await response.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const link = response.headers.get('link');
      path = link ? (/<([^>]+)>;\s*rel="next"/.exec(link)?.[1] ?? null) : null;
    }
    this.options.cache?.set(key, tags);
    return tags;
  }

  private async request(ref: ImageRef, path: string, init: { method: string; headers: Record<string, string> }): Promise<Response> {
    const base = registryBaseUrl(ref.registry);
    const scope = `repository:${ref.repository}:pull`;
    const tokenKey = `${ref.registry} ${scope}`;
    const send = (authorization: string | undefined) => this.fetch(`${base}${path}`, { method: init.method, headers: { ...init.headers, ...(authorization ? { Authorization: authorization } : {}) } });
    const token = this.tokens.get(tokenKey);
    let response = await send(token);
    if (response.status === 401) {
      const authorization = await this.authorize(ref.registry, response.headers.get('www-authenticate') ?? '', scope);
      if (authorization) {
        this.tokens.set(tokenKey, authorization);
        response = await send(authorization);
      }
    }
    if (response.status === 401 || response.status === 403) throw new RegistryError(`${ref.registry} refused access to ${ref.repository} (check docker login)`, 'auth');
    if (response.status === 404)
      throw new RegistryError(`${ref.registry} has no ${ref.repository}${path.includes('/manifests/') ? `:${decodeURIComponent(path.split('/manifests/')[1])}` : ''}`, 'not-found');
    if (!response.ok) throw new RegistryError(`${ref.registry} answered HTTP ${response.status}`, 'protocol');
    return response;
  }

  /** Answers a `WWW-Authenticate` challenge: a bearer token from the realm, or basic credentials. */
  private async authorize(registry: string, challenge: string, scope: string): Promise<string | null> {
    const credentials = this.options.credentials?.(registry) ?? null;
    const basic = credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : null;
    if (/^basic/i.test(challenge)) return basic;
    if (!/^bearer/i.test(challenge)) return null;
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
    if (!params.realm) return null;
    const realm = new URL(params.realm);
    if (realm.protocol !== 'https:' && !isLoopback(realm.host)) throw new RegistryError(`${registry} sent a token realm over plain HTTP`, 'auth');
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? scope);
    const response = await this.fetch(realm.href, { method: 'GET', headers: basic ? { Authorization: basic } : {} });
    if (!response.ok) throw new RegistryError(`${registry}: the token service answered HTTP ${response.status}`, 'auth');
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    return token ? `Bearer ${token}` : null;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new RegistryError(`${new URL(url).host} did not answer within ${this.timeoutMs / 1000} s`, 'timeout');
      throw new RegistryError(`${new URL(url).host} could not be reached (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`, 'network');
    }
  }
}
