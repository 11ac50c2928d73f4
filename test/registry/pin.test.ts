import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseImageRef } from '../../server/src/engine/knowledge/imageRef';
import { RegistryCache } from '../../server/src/registry/cache';
import { RegistryClient, type RegistryError } from '../../server/src/registry/client';
import { dockerConfigCredentials } from '../../server/src/registry/credentials';
import { exactVersionTag } from '../../server/src/registry/pin';
import { OCI_INDEX, registryAvailable, TestRegistry } from './registryServer';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const ref = (text: string) => parseImageRef(text)!;

function cli(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'dfh-home-'));
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_CONFIG: join(home, 'docker'), ...env } });
}

describe('registry lookups against a real registry on loopback', { skip: !registryAvailable() && 'docker-registry is not installed (.ci/run installs it)' }, () => {
  let registry: TestRegistry;
  let index: string;
  let alpine: string;
  let older: string;

  before(async () => {
    registry = await TestRegistry.start();
    index = await registry.pushMultiArch('node', 'v22.4.1', ['22.4.1', '22.4', '22', 'latest']);
    const old = await registry.pushImage('node', 'v22.3.0');
    older = old.digest;
    await registry.tag('node', '22.3.0', old.manifest);
    const small = await registry.pushImage('node', 'v22.4.1-alpine');
    alpine = small.digest;
    for (const tag of ['22.4.1-alpine', '22-alpine']) await registry.tag('node', tag, small.manifest);
  });
  after(() => registry.stop());

  it('resolves a tag to its digest; for a multi-arch image, the index digest', async () => {
    const client = new RegistryClient();
    const result = await client.digest(ref(`${registry.host}/node:22`));
    assert.equal(result.digest, index);
    assert.equal(result.mediaType, OCI_INDEX);
    assert.equal((await client.digest(ref(`${registry.host}/node:22.3.0`))).digest, older);
  });

  it('finds the most specific tag with the same digest', async () => {
    const client = new RegistryClient();
    assert.equal(await exactVersionTag(client, ref(`${registry.host}/node:22`)), '22.4.1');
    assert.equal(await exactVersionTag(client, ref(`${registry.host}/node:latest`)), '22.4.1');
    assert.equal(await exactVersionTag(client, ref(`${registry.host}/node:22-alpine`)), '22.4.1-alpine');
  });

  it('a missing tag is a clear not-found error', async () => {
    await assert.rejects(new RegistryClient().digest(ref(`${registry.host}/node:99`)), (e: RegistryError) => e.kind === 'not-found' && /has no node:99/.test(e.message));
  });

  it('pin rewrites FROM, the ARG default it comes through and the syntax directive; pin --check agrees', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfh-pin-'));
    const file = join(dir, 'Dockerfile');
    const original = [`# syntax=${registry.host}/node:22`, `ARG BASE=${registry.host}/node:22-alpine`, `FROM ${registry.host}/node:22 AS build`, 'FROM ${BASE}', 'FROM build', ''].join('\n');
    writeFileSync(file, original);
    const before = cli(['pin', '--check', dir]);
    assert.equal(before.status, 1);
    assert.equal(before.stdout.trim().split('\n').length, 3, before.stdout);
    const pinned = cli(['pin', dir]);
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.equal(
      readFileSync(file, 'utf8'),
      [`# syntax=${registry.host}/node:22@${index}`, `ARG BASE=${registry.host}/node:22-alpine@${alpine}`, `FROM ${registry.host}/node:22@${index} AS build`, 'FROM ${BASE}', 'FROM build', ''].join(
        '\n',
      ),
    );
    const after = cli(['pin', '--check', dir]);
    assert.equal(after.status, 0, after.stdout);
    assert.match(after.stdout, /Every base image is pinned by digest/);
  });

  it('pin --exact moves a floating tag to the exact version, then pins it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfh-pin-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${registry.host}/node:22\n`);
    assert.equal(cli(['pin', '--exact', dir]).status, 0);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${registry.host}/node:22.4.1@${index}\n`);
  });

  it('caches lookups on disk with an expiry, without credentials', async () => {
    // A registry of its own, stopped after the first lookup: the second answer can only come from the file.
    const gone = await TestRegistry.start();
    const pushed = await gone.pushImage('tool', 'v1');
    await gone.tag('tool', '1.0.0', pushed.manifest);
    const digest = pushed.digest;
    const image = ref(`${gone.host}/tool:1.0.0`);
    const file = join(mkdtempSync(join(tmpdir(), 'dfh-cache-')), 'registry.json');
    assert.equal((await new RegistryClient({ cache: new RegistryCache(60_000, file) }).digest(image)).digest, digest);
    await gone.stop();
    // Without the cache the lookup now fails: the registry really is gone.
    await assert.rejects(new RegistryClient({ timeoutMs: 500 }).digest(image));
    const cached = await new RegistryClient({ cache: new RegistryCache(60_000, file), timeoutMs: 500 }).digest(image);
    assert.equal(cached.digest, digest);
    const expired = new RegistryCache(60_000, file, () => Date.now() + 120_000);
    assert.equal(expired.get(`digest:${gone.host}/tool:1.0.0`), undefined);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /password|Authorization|Bearer/i);
  });
});

describe('registry auth (htpasswd, the basic flow)', { skip: !registryAvailable() && 'docker-registry is not installed' }, () => {
  let registry: TestRegistry;
  let digest: string;
  const password = 'Pa55-w0rd-never-logged';

  before(async () => {
    registry = await TestRegistry.start({ username: 'ci', password });
    const image = await registry.pushImage('team/app', 'v1');
    digest = image.digest;
    await registry.tag('team/app', '1.2.3', image.manifest);
  });
  after(() => registry.stop());

  it('without credentials: a clear auth error', async () => {
    await assert.rejects(new RegistryClient().digest(ref(`${registry.host}/team/app:1.2.3`)), (e: RegistryError) => e.kind === 'auth' && /docker login/.test(e.message));
  });

  it('with credentials from Docker config.json: the lookup works, and the password is never printed', () => {
    const dockerConfig = mkdtempSync(join(tmpdir(), 'dfh-docker-'));
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`ci:${password}`).toString('base64') } } }));
    const credentials = dockerConfigCredentials({ DOCKER_CONFIG: dockerConfig });
    assert.deepEqual(credentials(registry.host), { username: 'ci', password });
    const dir = mkdtempSync(join(tmpdir(), 'dfh-pin-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${registry.host}/team/app:1.2.3\n`);
    const result = cli(['pin', dir], { DOCKER_CONFIG: dockerConfig });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${registry.host}/team/app:1.2.3@${digest}\n`);
    assert.ok(!`${result.stdout}${result.stderr}`.includes(password));
  });

  it('with a wrong password: the registry refuses, and the error shows neither password nor auth string', () => {
    const wrong = 'Wr0ng-pass-never-logged';
    const auth = Buffer.from(`ci:${wrong}`).toString('base64');
    const dockerConfig = mkdtempSync(join(tmpdir(), 'dfh-docker-'));
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const dir = mkdtempSync(join(tmpdir(), 'dfh-pin-'));
    const unpinned = `FROM ${registry.host}/team/app:1.2.3\n`;
    writeFileSync(join(dir, 'Dockerfile'), unpinned);
    const refused = cli(['pin', dir], { DOCKER_CONFIG: dockerConfig });
    // The credentials were sent and refused (not skipped: the file is unpinned and stays so).
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /auth|credentials|docker login|401|denied/i, refused.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), unpinned);
    for (const secret of [wrong, auth]) assert.ok(!`${refused.stdout}${refused.stderr}`.includes(secret), `the output shows ${secret === auth ? 'the auth string' : 'the password'}`);
  });
});

describe('registry timeouts', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let port: number;

  before(async () => {
    // Accepts connections and never answers.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });

  it('a registry that never answers times out with a clear message', async () => {
    const started = Date.now();
    await assert.rejects(new RegistryClient({ timeoutMs: 300 }).digest(ref(`127.0.0.1:${port}/x:1`)), (e: RegistryError) => e.kind === 'timeout' && /did not answer within 0.3 s/.test(e.message));
    assert.ok(Date.now() - started < 5000);
  });

  it('only loopback registries are spoken to over plain HTTP', async () => {
    const { registryBaseUrl } = await import('../../server/src/registry/client');
    assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
    assert.equal(registryBaseUrl('localhost:5000'), 'http://localhost:5000');
    assert.equal(registryBaseUrl('[::1]:5000'), 'http://[::1]:5000');
    assert.equal(registryBaseUrl('registry.example.com:5000'), 'https://registry.example.com:5000');
    assert.equal(registryBaseUrl('docker.io'), 'https://registry-1.docker.io');
  });
});
