import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();

describe('workspace scan: the Problems view for files never opened', () => {
  let client: LspClient;
  let root: string;
  const uri = (path: string) => pathToFileURL(join(root, path)).href;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'dfh-workspace-'));
    const files: Record<string, string> = {
      'api/Dockerfile': 'FROM node\nCMD ["node", "app.js"]\n',
      'compose.yaml': 'services:\n  a:\n    image: x:1.0.0\n    privileged: true\n',
      '.devcontainer/devcontainer.json': '{ "runArgs": ["--privileged"] }',
      'ignored-by-git/Dockerfile': 'FROM node\nCMD ["node", "app.js"]\n',
      'vendor/Dockerfile': 'FROM node\nCMD ["node", "app.js"]\n',
      'skipped/Dockerfile': 'FROM node\nCMD ["node", "app.js"]\n',
      '.gitignore': 'ignored-by-git/\n',
      // Built with its own folder (nothing to leak) until a compose file says otherwise.
      'svc/Dockerfile': 'FROM node:22.4.1-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/main.js"]\n',
      '.env': 'TOKEN=placeholder\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    symlinkSync(root, join(root, 'api', 'loop'));
    client = new LspClient();
    client.settings['*'] = {};
    client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'files.exclude' ? { '**/vendor': true } : item.section === 'dockerfileHardening.workspaceScan' ? { exclude: ['skipped/**'] } : {})),
    );
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client.shutdown());

  it('says in the Output channel that it started, and what the workspace scan did', async () => {
    assert.match(await client.log(/started:/), /^dockerfile-hardening \S+ started: \d+ rules, editor features on, registry lookups allowed \(trusted workspace\), 1 workspace folder$/);
    assert.match(await client.log(/^workspace scan:/), /^workspace scan: \d+ files in 1 folder, \d+ findings, \d+ ms$/);
  });

  it('publishes findings for every kind of file, none of them opened', async () => {
    assert.deepEqual(codes(await client.diagnostics(uri('api/Dockerfile'))), ['no-root-user', 'pin-base-image']);
    assert.deepEqual(codes(await client.diagnostics(uri('compose.yaml'))), ['container-privileges']);
    assert.deepEqual(codes(await client.diagnostics(uri('.devcontainer/devcontainer.json'))), ['container-privileges']);
  });

  it('updates when a file changes on disk, and clears when it is deleted', async () => {
    writeFileSync(join(root, 'api/Dockerfile'), 'FROM node\nUSER node\nCMD ["node", "app.js"]\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('api/Dockerfile'), type: 2 }] });
    await client.diagnostics(uri('api/Dockerfile'), (p) => codes(p).join() === 'pin-base-image');
    writeFileSync(join(root, 'new.Dockerfile'), 'FROM alpine:latest\nUSER 1000\nCMD ["app"]\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('new.Dockerfile'), type: 1 }] });
    assert.deepEqual(codes(await client.diagnostics(uri('new.Dockerfile'))), ['pin-base-image']);
    rmSync(join(root, 'compose.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('compose.yaml'), type: 3 }] });
    await client.diagnostics(uri('compose.yaml'), (p) => p.diagnostics.length === 0);
  });

  it("skips .gitignore, files.exclude and the scan's own excludes, and survives the symlink loop", async () => {
    // The scan got through api/loop, which points back at the root (the files above were published).
    const probe = uri('zz-probe/Dockerfile');
    mkdirSync(join(root, 'zz-probe'));
    writeFileSync(join(root, 'zz-probe', 'Dockerfile'), 'FROM node\nCMD ["node", "app.js"]\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uri('ignored-by-git/Dockerfile'), type: 2 },
        { uri: uri('vendor/Dockerfile'), type: 2 },
        { uri: uri('skipped/Dockerfile'), type: 2 },
        { uri: probe, type: 1 },
      ],
    });
    // Watcher events are handled in order: once the probe is published, the others were decided.
    await client.diagnostics(probe);
    for (const path of ['ignored-by-git/Dockerfile', 'vendor/Dockerfile', 'skipped/Dockerfile']) assert.ok(!client.hasPublished(uri(path)), path);
  });

  it('re-judges a Dockerfile when a compose file on disk gives it another build context', async () => {
    const dockerfile = uri('svc/Dockerfile');
    assert.deepEqual(codes(await client.diagnostics(dockerfile)), []);
    writeFileSync(join(root, 'compose.build.yaml'), 'services:\n  svc:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('compose.build.yaml'), type: 1 }] });
    const published = await client.diagnostics(dockerfile, (p) => codes(p).includes('dockerignore-gaps'));
    assert.match(published.diagnostics.find((d) => d.code === 'dockerignore-gaps')!.message as string, /\.env/);
  });
});
