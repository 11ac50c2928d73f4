import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyWorkspaceEdit, LspClient } from '../lsp/lspClient';
import { registryAvailable, TestRegistry } from './registryServer';

describe('pin quick fixes and hover in the language server', { skip: !registryAvailable() && 'docker-registry is not installed' }, () => {
  let registry: TestRegistry;
  let index: string;
  let client: LspClient;

  before(async () => {
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'dfh-lsp-cache-'));
    registry = await TestRegistry.start();
    index = await registry.pushMultiArch('node', 'x', ['22.4.1', '22']);
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    await registry.stop();
  });

  it('diagnostics come without waiting for the registry; the pin actions are resolved on demand', async () => {
    const uri = 'file:///pin/Dockerfile';
    const text = `FROM ${registry.host}/node:22\nUSER 1000\n`;
    await client.open(uri, text);
    const published = await client.diagnostics(uri);
    const finding = published.diagnostics.find((d) => d.code === 'pin-base-image')!;
    const actions = await client.codeActions(uri, [finding]);
    const digestAction = actions.find((a) => a.title.startsWith(`Pin ${registry.host}/node:22 to its digest`))!;
    const exactAction = actions.find((a) => a.title.includes('to its exact version'))!;
    assert.equal(digestAction.edit, undefined, 'no lookup before the user picks the action');
    const resolved = (await client.connection.sendRequest('codeAction/resolve', digestAction)) as { edit: never };
    assert.equal(applyWorkspaceEdit(text, resolved.edit), `FROM ${registry.host}/node:22@${index}\nUSER 1000\n`);
    const exact = (await client.connection.sendRequest('codeAction/resolve', exactAction)) as { edit: never };
    assert.equal(applyWorkspaceEdit(text, exact.edit), `FROM ${registry.host}/node:22.4.1\nUSER 1000\n`);
  });

  it('hover on a pinned image says whether the tag has moved', async () => {
    const uri = 'file:///pin/pinned/Dockerfile';
    const stale = `sha256:${'0'.repeat(64)}`;
    await client.open(uri, `FROM ${registry.host}/node:22@${stale}\n`);
    await client.diagnostics(uri);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /has moved: it now points at `sha256:/);
  });

  it('a failed lookup is said in the hover and written to the Output channel', async () => {
    const uri = 'file:///pin/missing/Dockerfile';
    await client.open(uri, `FROM ${registry.host}/no-such-image:1.0.0@sha256:${'1'.repeat(64)}\n`);
    await client.diagnostics(uri);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Could not ask/);
    assert.match(await client.log(/^registry lookup for .*no-such-image:1\.0\.0: /), /no-such-image/);
  });

  it('an untrusted workspace gets no registry actions', async () => {
    const untrusted = new LspClient();
    try {
      await untrusted.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { workspaceTrusted: false } });
      await untrusted.connection.sendNotification('initialized', {});
      const uri = 'file:///pin/untrusted/Dockerfile';
      await untrusted.open(uri, `FROM ${registry.host}/node:22\n`);
      const published = await untrusted.diagnostics(uri);
      const actions = await untrusted.codeActions(uri, published.diagnostics);
      assert.ok(actions.length > 0, 'the ordinary actions are still there');
      assert.deepEqual(
        actions.filter((a) => a.title.startsWith('Pin ')),
        [],
      );
    } finally {
      await untrusted.shutdown();
    }
  });
});
