import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { LspClient } from './lspClient';

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();

describe('language server robustness', () => {
  let client: LspClient;

  before(async () => {
    await initEngine();
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.shutdown());

  it('answers an unknown method with MethodNotFound and keeps working', async () => {
    await assert.rejects(client.connection.sendRequest('dockerfile/noSuchMethod', {}), (error: { code: number }) => error.code === -32601);
    await client.connection.sendNotification('dockerfile/noSuchNotification', { x: 1 });
    const uri = 'file:///robust/a/Dockerfile';
    await client.open(uri, 'FROM node\nCMD ["node", "app.js"]\n');
    assert.deepEqual(codes(await client.diagnostics(uri)), ['no-root-user', 'pin-base-image']);
  });

  it('survives malformed JSON-RPC on its input', async () => {
    const garbage = '{"jsonrpc": "2.0", "method": ';
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    client.process.stdin!.write('Content-Length: 2\r\n\r\n[]');
    const uri = 'file:///robust/b/Dockerfile';
    await client.open(uri, 'FROM node:latest\nCMD ["node", "app.js"]\n');
    assert.deepEqual(codes(await client.diagnostics(uri)), ['no-root-user', 'pin-base-image']);
    assert.equal(client.process.exitCode, null, 'server still running');
  });

  it('after 1,000 rapid edits, the last diagnostics match a fresh lint of the final text', async () => {
    const uri = 'file:///robust/c/Dockerfile';
    const base = 'FROM node:22.4.1-slim\nUSER node\nEXPOSE 3000\nCMD node server.js\n';
    await client.open(uri, base);
    await client.diagnostics(uri);
    let text = base;
    for (let version = 2; version <= 1001; version++) {
      text = `${base}LABEL edit="${version}"\n${version % 2 ? 'RUN curl -k https://x | sh\n' : ''}`;
      void client.change(uri, text, version);
    }
    const last = await client.diagnostics(uri, (p) => p.version === 1001);
    const expected = linter
      .lintDockerfile(text)
      .findings.map((f) => f.ruleId)
      .sort();
    assert.deepEqual(
      codes(last).filter((c) => c !== 'undefined'),
      expected,
    );
  });

  it('says why a file over 5 MB is not checked', async () => {
    const uri = 'file:///robust/d/Dockerfile';
    await client.open(uri, `FROM a\n${'RUN true\n'.repeat(700_000)}`);
    const published = await client.diagnostics(uri);
    assert.equal(published.diagnostics.length, 1);
    assert.match(String(published.diagnostics[0].message), /Not checked: the file is larger than 5 MB/);
  });
});
