/**
 * A real registry for tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with a
 * config and storage of its own, filled through its HTTP API. Never a public address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';
export const registryAvailable = () => existsSync(REGISTRY_BINARY);

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export class TestRegistry {
  readonly host: string;
  private constructor(
    private readonly process: ChildProcess,
    port: number,
    private readonly auth: string | null,
  ) {
    this.host = `127.0.0.1:${port}`;
  }

  /** Starts a registry and resolves once it logs that it is listening. */
  static async start(options: { username?: string; password?: string } = {}): Promise<TestRegistry> {
    const dir = mkdtempSync(join(tmpdir(), 'dfh-registry-'));
    const port = await freePort();
    let auth = '';
    if (options.username && options.password) {
      writeFileSync(join(dir, 'htpasswd'), `${options.username}:${bcrypt.hashSync(options.password, 5)}\n`);
      auth = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${join(dir, 'htpasswd')}\n`;
    }
    writeFileSync(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log:\n  level: info\n  formatter: text',
        `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true`,
        `http:\n  addr: 127.0.0.1:${port}\n  secret: test-only-secret`,
        auth,
      ].join('\n'),
    );
    const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (/listening on/.test(log)) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`docker-registry exited (${code}): ${log.slice(-500)}`)));
    });
    const basic = options.username ? `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}` : null;
    return new TestRegistry(child, port, basic);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }

  private async call(method: string, path: string, body?: Buffer | string, contentType?: string): Promise<Response> {
    const url = path.startsWith('http') ? path : `http://${this.host}${path}`;
    const headers: Record<string, string> = {};
    if (this.auth) headers.Authorization = this.auth;
    if (contentType) headers['Content-Type'] = contentType;
    const response = await fetch(url, { method, headers, body });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  }

  async pushBlob(repo: string, data: Buffer | string): Promise<{ digest: string; size: number }> {
    const digest = sha256(data);
    const started = await this.call('POST', `/v2/${repo}/blobs/uploads/`);
    const location = new URL(started.headers.get('location')!, `http://${this.host}`);
    location.searchParams.set('digest', digest);
    await this.call('PUT', location.href, data, 'application/octet-stream');
    return { digest, size: Buffer.byteLength(data) };
  }

  async pushManifest(repo: string, reference: string, manifest: object, mediaType: string): Promise<string> {
    const body = JSON.stringify(manifest);
    await this.call('PUT', `/v2/${repo}/manifests/${reference}`, body, mediaType);
    return sha256(body);
  }

  /** A single-platform image; different seeds give different digests. */
  async pushImage(repo: string, seed: string, architecture = 'amd64'): Promise<{ digest: string; size: number; manifest: object }> {
    const config = await this.pushBlob(repo, JSON.stringify({ architecture, os: 'linux', config: { Labels: { seed } }, rootfs: { type: 'layers', diff_ids: [] } }));
    const layer = await this.pushBlob(repo, `layer ${seed} ${architecture}`);
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
    };
    const body = JSON.stringify(manifest);
    const digest = await this.pushManifest(repo, sha256(body), manifest, OCI_MANIFEST);
    return { digest, size: Buffer.byteLength(body), manifest };
  }

  /** A multi-arch image index over several images, returning the index's digest. */
  async pushIndex(repo: string, images: { digest: string; size: number }[], architectures: string[]): Promise<{ digest: string; manifest: object }> {
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: images.map((image, i) => ({ mediaType: OCI_MANIFEST, digest: image.digest, size: image.size, platform: { architecture: architectures[i], os: 'linux' } })),
    };
    const digest = await this.pushManifest(repo, sha256(JSON.stringify(manifest)), manifest, OCI_INDEX);
    return { digest, manifest };
  }

  /** An amd64 + arm64 image behind one index, tagged with each of `tags`; returns the index's digest. */
  async pushMultiArch(repo: string, seed: string, tags: string[]): Promise<string> {
    const architectures = ['amd64', 'arm64'];
    const images = [];
    for (const architecture of architectures) images.push(await this.pushImage(repo, seed, architecture));
    const index = await this.pushIndex(repo, images, architectures);
    for (const tag of tags) await this.tag(repo, tag, index.manifest, OCI_INDEX);
    return index.digest;
  }

  async tag(repo: string, tag: string, manifest: object, mediaType = OCI_MANIFEST): Promise<void> {
    await this.pushManifest(repo, tag, manifest, mediaType);
  }
}

export { OCI_INDEX, OCI_MANIFEST };
