import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWorkspaceEdit, LspClient } from './lspClient';

const URI = 'file:///work/editor/Dockerfile';
const TEXT = ['ARG BASE=node:22.4.1-slim', 'FROM $BASE AS build', '    RUN npm ci', 'FROM build', 'expose 3000', 'CMD node server.js', ''].join('\n');

describe('editor features over LSP', () => {
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider, 'completion is offered by default');
    await client.open(URI, TEXT);
    await client.diagnostics(URI);
  });
  after(() => client.shutdown());

  it('completes instructions', async () => {
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 6, character: 0 } })) as { label: string }[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.some((l) => l.startsWith('HEALTHCHECK')) && labels.some((l) => l.startsWith('USER')), labels.join(','));
  });

  it('hover on a finding explains the risk and the fix, with the docs link', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 6 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*exec-form\*\*/);
    assert.match(hover.contents.value, /\*\*Risk:\*\* Shell form runs/);
    assert.match(hover.contents.value, /\*\*Fix:\*\*/);
    assert.match(hover.contents.value, /docs\/rules\/exec-form\.md/);
  });

  it('hover with several findings: the most severe first, whole paragraphs, the findings before the keyword help', async () => {
    const uri = 'file:///work/editor/several/Dockerfile';
    // FROM node:latest: pin-base-image (warning) and prefer-slim-base (info) on one image; FROM keyword help from the language service.
    await client.open(uri, 'FROM node:latest\nRUN npm ci\nCMD ["node", "server.js"]\n');
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.filter((d) => d.range.start.line === 0).length >= 2);
    const onFrom = diagnostics.diagnostics.filter((d) => d.range.start.line === 0 && d.range.start.character <= 6 && d.range.end.character >= 6);
    assert.ok(onFrom.length >= 2, JSON.stringify(onFrom.map((d) => d.code)));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } })) as { contents: { value: string } };
    const value = hover.contents.value;
    const order = [...value.matchAll(/^\*\*([a-z-]+)\*\* · /gm)].map((m) => m[1]);
    const severityOf = (rule: string) => ['error', 'warning', 'information', 'hint'].indexOf(['error', 'warning', 'information', 'hint'][(onFrom.find((d) => d.code === rule)?.severity ?? 4) - 1]);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => severityOf(a) - severityOf(b)),
      'most severe first',
    );
    // The Risk and Fix paragraphs end where their sentences end (they were cut at the first line break of the page).
    for (const [, text] of value.matchAll(/\*\*(?:Risk|Fix):\*\* ([^\n]+(?:\n\n(?!\[)[^\n]+)?)/g)) assert.match(text.trim(), /[.)`|]$/, text);
    assert.match(value, /a rebuild for a one-line fix can pull a new major version/);
    // On the keyword, Docker's FROM help comes after the findings, not before them or between a finding and its explanation.
    const onKeyword = ((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })) as { contents: { value: string } }).contents.value;
    assert.match(onKeyword, /^\*\*[a-z-]+\*\* · /, 'the hover opens with a finding');
    const help = onKeyword.indexOf('Set the `baseImage` to use');
    assert.ok(help > onKeyword.lastIndexOf('[Rule documentation]'), 'the keyword help follows the last finding');
  });

  it('hover elsewhere comes from the language service (instruction docs)', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 5 } })) as { contents: { value: string } };
    // What a user sees: the RUN instruction's own help, with its example and docs link.
    assert.match(hover.contents.value, /^Execute any commands on top of the current image as a new layer and commit the results\./);
    assert.match(hover.contents.value, /```\nRUN apt-get update && apt-get install -y curl\n```/);
    assert.match(hover.contents.value, /\(https:\/\/docs\.docker\.com\/engine\/reference\/builder\/#run\)/);
  });

  it('formats the document (indentation of instructions)', async () => {
    const edits = await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 4, insertSpaces: true } });
    const formatted = applyWorkspaceEdit(TEXT, { documentChanges: [{ textDocument: { uri: URI, version: 1 }, edits: edits as never }] });
    assert.match(formatted, /^RUN npm ci$/m);
  });

  it('lists document symbols for the stages', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as { name: string }[];
    assert.ok(
      symbols.some((s) => s.name === 'FROM'),
      JSON.stringify(symbols.map((s) => s.name)),
    );
  });

  it('goes to the definition of an ARG and renames a stage', async () => {
    const definition = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: { line: 1, character: 7 } })) as { range: { start: { line: number } } };
    assert.equal(definition.range.start.line, 0);
    const rename = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: URI }, position: { line: 3, character: 6 }, newName: 'builder' })) as {
      changes: Record<string, { newText: string }[]>;
    };
    assert.deepEqual(
      rename.changes[URI].map((e) => e.newText),
      ['builder', 'builder'],
    );
  });

  it('signature help stays out of the way while typing a RUN body, and answers when asked', async () => {
    const uri = 'file:///work/editor/signature/Dockerfile';
    const text = 'FROM a:1.0.0\nRUN --mount=type=cache,target=/root/.cache pip install x \\\n    && echo ';
    await client.open(uri, text);
    const ask = (line: number, character: number, triggerKind: number) =>
      client.connection.sendRequest('textDocument/signatureHelp', {
        textDocument: { uri },
        position: { line, character },
        context: { triggerKind, isRetrigger: false, ...(triggerKind === 2 ? { triggerCharacter: ' ' } : {}) },
      }) as Promise<{ signatures: unknown[] } | null>;
    // Typed (a trigger character) on the RUN line and on its continuation: nothing pops up.
    assert.equal(await ask(1, 12, 2), null);
    assert.equal(await ask(2, 12, 2), null);
    // Asked for (Ctrl+Shift+Space): Docker's help for the flag.
    const invoked = await ask(1, 12, 1);
    assert.ok(invoked && invoked.signatures.length > 0, JSON.stringify(invoked));
  });

  it('semantic tokens: none of zero length for an empty value (ARG X=), and the next ones where they were', async () => {
    const uri = 'file:///work/editor/empty-arg/Dockerfile';
    await client.open(uri, 'ARG X=\nFROM a:1.0.0\nENV Y=\nUSER app\n');
    const { data } = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
    const absolute: [number, number, number][] = [];
    for (let i = 0, line = 0, start = 0; i < data.length; i += 5) {
      line += data[i];
      start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
      absolute.push([line, start, data[i + 2]]);
    }
    assert.ok(absolute.length > 0);
    assert.deepEqual(
      absolute.filter(([, , length]) => length === 0),
      [],
    );
    // FROM on line 1 and USER on line 3 keep their keyword tokens.
    assert.ok(absolute.some(([line, start, length]) => line === 1 && start === 0 && length === 4));
    assert.ok(absolute.some(([line, start, length]) => line === 3 && start === 0 && length === 4));
  });

  it('returns semantic tokens, and folds a continued RUN and a comment block', async () => {
    const tokens = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: URI } })) as { data: number[] };
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const uri = 'file:///work/editor/fold/Dockerfile';
    await client.open(uri, 'FROM debian:12.6\n# one\n# two\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n');
    await client.diagnostics(uri);
    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as { startLine: number; endLine: number; kind?: string }[];
    const lines = folds.map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`).sort();
    assert.deepEqual(lines, ['1-2 comment', '3-5']);
  });

  it('publishes Docker syntax errors from dockerfile-utils under their own source', async () => {
    const uri = 'file:///work/editor/bad/Dockerfile';
    await client.open(uri, 'FROM registry.example.com/base:1.0.0\nUSER 1000\nHEALTHCHECK --interva=5s CMD true\n');
    const published = await client.diagnostics(uri);
    assert.ok(
      published.diagnostics.some((d) => d.source === 'dockerfile-utils'),
      JSON.stringify(published.diagnostics),
    );
  });
});

describe('editor features turned off', () => {
  it('offers only hardening diagnostics, fixes and finding hovers', async () => {
    const client = new LspClient();
    try {
      const init = (await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { editorFeatures: false } })) as {
        capabilities: Record<string, unknown>;
      };
      assert.equal(init.capabilities.completionProvider, undefined);
      assert.equal(init.capabilities.documentFormattingProvider, undefined);
      assert.ok(init.capabilities.hoverProvider);
      assert.ok(init.capabilities.codeActionProvider);
    } finally {
      await client.shutdown();
    }
  });
});
