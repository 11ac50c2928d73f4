/**
 * HTTPS on loopback for the TLS cases: a test CA, a server whose certificate it signed
 * (port 18201: files and a git repository served the "dumb" way, as static files), and one
 * with a self-signed certificate nothing trusts (port 18202). Builds run in the host's network,
 * so RUN steps reach both at `localhost`. Made once per test process; the servers do not keep
 * it alive.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

export const TRUSTED_PORT = 18201;
export const UNTRUSTED_PORT = 18202;
/** A file the builds download. */
export const TOOL_TEXT = 'tool 1.8.2, downloaded over verified TLS\n';

export interface TlsFixtures {
  /** The CA certificate (PEM) to install in the image. */
  caPem: string;
}

let started: Promise<TlsFixtures> | null = null;

export function tlsServers(): Promise<TlsFixtures> {
  started ??= start();
  return started;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function certificates(dir: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=dockerfile-hardening test CA']);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext']);
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'stranger.key',
    '-out',
    'stranger.crt',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
}

/** A bare repository with one commit, prepared for dumb HTTP (`git update-server-info`). */
function gitRepository(dir: string): void {
  const work = join(dir, 'work');
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
  git(dir, 'init', '-q', work);
  writeFileSync(join(work, 'VERSION'), '3.1.0\n');
  git(work, 'add', 'VERSION');
  git(work, 'commit', '-q', '-m', 'release 3.1.0');
  git(dir, 'clone', '-q', '--bare', work, join(dir, 'www', 'lib.git'));
  git(join(dir, 'www', 'lib.git'), 'update-server-info');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.unref();
      resolve();
    });
  });
}

async function start(): Promise<TlsFixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'dfh-tls-'));
  certificates(dir);
  gitRepository(dir);
  const www = join(dir, 'www');
  const read = (name: string) => readFileSync(join(dir, name));
  const files = createServer({ key: read('server.key'), cert: read('server.crt') }, (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'https://localhost').pathname);
    if (path === '/tool.txt') return void response.end(TOOL_TEXT);
    const file = normalize(join(www, path));
    try {
      if (!file.startsWith(www)) throw new Error('outside');
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  const stranger = createServer({ key: read('stranger.key'), cert: read('stranger.crt') }, (_request, response) => void response.end(TOOL_TEXT));
  await listen(files, TRUSTED_PORT);
  await listen(stranger, UNTRUSTED_PORT);
  return { caPem: read('ca.crt').toString() };
}
