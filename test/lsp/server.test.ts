import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { applyWorkspaceEdit, LspClient } from './lspClient';

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code).sort();

describe('language server over stdio', () => {
  let client: LspClient;

  before(async () => {
    client = new LspClient();
  });
  after(async () => {
    await client.shutdown();
  });

  it('answers initialize with its capabilities', async () => {
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'dockerfile-hardening');
    const caps = result.capabilities as { codeActionProvider: { codeActionKinds: string[] }; executeCommandProvider: { commands: string[] } };
    assert.ok(caps.codeActionProvider.codeActionKinds.includes('source.fixAll.dockerfile-hardening'));
    assert.deepEqual(caps.executeCommandProvider.commands, ['dockerfile-hardening.server.fixAll']);
  });

  it('publishes diagnostics with code, source, docs link and fix data on open', async () => {
    const uri = 'file:///work/a/Dockerfile';
    await client.open(uri, 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\nCMD node server.js\n');
    const published = await client.diagnostics(uri);
    assert.deepEqual(codes(published), ['exec-form', 'healthcheck-missing', 'no-root-user']);
    const execForm = published.diagnostics.find((d) => d.code === 'exec-form')!;
    assert.equal(execForm.source, 'dockerfile-hardening');
    assert.match(execForm.codeDescription!.href, /docs\/rules\/exec-form\.md$/);
    assert.deepEqual(execForm.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } });
    assert.equal(execForm.severity, 2);
  });

  it('offers the fix, disable comments and applies the preferred fix', async () => {
    const uri = 'file:///work/a/Dockerfile';
    const text = 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\nCMD node server.js\n';
    const published = await client.diagnostics(uri);
    const execForm = published.diagnostics.find((d) => d.code === 'exec-form')!;
    const actions = await client.codeActions(uri, [execForm]);
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Convert to exec form', 'Disable exec-form for this instruction', 'Disable exec-form for this file']);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(applyWorkspaceEdit(text, preferred.edit), 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\nCMD ["node", "server.js"]\n');
    assert.equal(applyWorkspaceEdit(text, actions[1].edit), 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\n# hardening-ignore exec-form\nCMD node server.js\n');
  });

  it('with several findings on one line, the menu lists every fix and suggestion before one disable pair per rule, the safe fix preferred', async () => {
    const uri = 'file:///work/menu/Dockerfile';
    await client.open(uri, "FROM node:latest\nRUN npm ci\nCMD ['node', 'server.js']\nCMD node server.js\n");
    const published = await client.diagnostics(uri);
    const onLine = (line: number) => published.diagnostics.filter((d) => d.range.start.line === line);
    for (const line of [0, 2]) {
      const diagnostics = onLine(line);
      assert.ok(diagnostics.length >= 2, `line ${line}: ${diagnostics.map((d) => d.code).join(', ')}`);
      const titles = (await client.codeActions(uri, diagnostics)).map((a) => a.title);
      const firstDisable = titles.findIndex((t) => t.startsWith('Disable '));
      assert.ok(firstDisable > 0, `a fix comes before any disable: ${titles.join(' | ')}`);
      assert.ok(
        titles.slice(firstDisable).every((t) => t.startsWith('Disable ')),
        `disables come last: ${titles.join(' | ')}`,
      );
      const rules = new Set(diagnostics.filter((d) => d.source === 'dockerfile-hardening' && d.data).map((d) => String(d.code)));
      assert.equal(titles.length - firstDisable, rules.size * 2, `one pair per rule: ${titles.join(' | ')}`);
    }
    const actions = await client.codeActions(uri, onLine(2));
    assert.equal(actions[0].isPreferred, true, 'the safe fix is the default selection');
  });

  it('a client that asks for the scope (the VS Code extension) gets one "Disable <rule>…" entry per rule, carrying both edits', async () => {
    const choosing = new LspClient();
    try {
      await choosing.initialize(undefined, { disableChoice: true });
      const uri = 'file:///work/choice/Dockerfile';
      const text = 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\nCMD node server.js\n';
      await choosing.open(uri, text);
      const execForm = (await choosing.diagnostics(uri)).diagnostics.find((d) => d.code === 'exec-form')!;
      const actions = await choosing.codeActions(uri, [execForm]);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Convert to exec form', 'Disable exec-form…'],
      );
      const command = (actions[1] as unknown as { command: { command: string; arguments: [{ ruleId: string; choices: { label: string; detail: string; edit: unknown }[] }] } }).command;
      assert.equal(command.command, 'dockerfileHardening.chooseDisable');
      const [choice] = command.arguments;
      assert.equal(choice.ruleId, 'exec-form');
      assert.deepEqual(
        choice.choices.map((c) => [c.label, c.detail]),
        [
          ['For this instruction', 'adds # hardening-ignore exec-form'],
          ['For this file', 'adds # hardening-ignore-file exec-form'],
        ],
      );
      assert.equal(
        applyWorkspaceEdit(text, choice.choices[0].edit as Parameters<typeof applyWorkspaceEdit>[1]),
        'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\n# hardening-ignore exec-form\nCMD node server.js\n',
      );
      assert.equal(applyWorkspaceEdit(text, choice.choices[1].edit as Parameters<typeof applyWorkspaceEdit>[1]), `# hardening-ignore-file exec-form\n${text}`);
      // Each request and the size of its answer, at the Output channel's debug level.
      assert.match(await choosing.log(/^code actions for file:\/\/\/work\/choice\/Dockerfile line 3 /), /\(version 1, 1 diagnostics\): 2 actions$/);
    } finally {
      await choosing.shutdown();
    }
  });

  it('in devcontainer.json (JSONC) and compose files the disable comments are written as each file writes comments', async () => {
    const uri = 'file:///work/dc/.devcontainer/devcontainer.json';
    const text = '{\n  "image": "mcr.microsoft.com/devcontainers/base:1.2.3",\n  "runArgs": ["--privileged"]\n}\n';
    await client.open(uri, text);
    const privileged = (await client.diagnostics(uri)).diagnostics.find((d) => d.code === 'container-privileges')!;
    const actions = await client.codeActions(uri, [privileged]);
    const forFile = actions.find((a) => a.title === 'Disable container-privileges for this file')!;
    const forLine = actions.find((a) => a.title === 'Disable container-privileges for this line')!;
    assert.ok(forFile && forLine, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const disabled = applyWorkspaceEdit(text, forFile.edit);
    assert.equal(disabled, `// hardening-ignore-file container-privileges\n${text}`);
    assert.equal(applyWorkspaceEdit(text, forLine.edit), '{\n  "image": "mcr.microsoft.com/devcontainers/base:1.2.3",\n  // hardening-ignore container-privileges\n  "runArgs": ["--privileged"]\n}\n');
    // The comment is one the linter reads: the finding goes.
    await client.change(uri, disabled, 2);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      codes(after).filter((c) => c === 'container-privileges'),
      [],
    );

    const compose = 'file:///work/dc/compose.yaml';
    await client.open(compose, 'services:\n  dind:\n    image: docker:27.0.3-dind\n    privileged: true\n');
    const finding = (await client.diagnostics(compose)).diagnostics.find((d) => d.code === 'container-privileges')!;
    const titles = (await client.codeActions(compose, [finding])).map((a) => a.title);
    assert.ok(titles.includes('Disable container-privileges for this line') && !titles.some((t) => t.includes('instruction')), titles.join(', '));
  });

  it('after a disable comment is typed, the finding goes', async () => {
    const uri = 'file:///work/a/Dockerfile';
    await client.change(uri, 'FROM registry.example.com/node-app:22.4.1\nEXPOSE 3000\n# hardening-ignore exec-form -- PID 1 is handled by tini\nCMD node server.js\n', 2);
    const published = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(published), ['healthcheck-missing', 'no-root-user']);
  });

  it('gives source.fixAll for editor.codeActionsOnSave', async () => {
    const uri = 'file:///work/b/Dockerfile';
    const text = "FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ['sh']\nCMD echo hi\n";
    await client.open(uri, text);
    await client.diagnostics(uri);
    const actions = await client.codeActions(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.dockerfile-hardening');
    assert.equal(applyWorkspaceEdit(text, actions[0].edit), 'FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ["echo", "hi"]\n');
  });

  it('runs the fix-all command through workspace/applyEdit', async () => {
    const uri = 'file:///work/b/Dockerfile';
    const text = "FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ['sh']\nCMD echo hi\n";
    const edit = client.nextAppliedEdit();
    const outcome = await client.connection.sendRequest('workspace/executeCommand', { command: 'dockerfile-hardening.server.fixAll', arguments: [uri] });
    assert.equal(applyWorkspaceEdit(text, await edit), 'FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ["echo", "hi"]\n');
    // The count the client reports to the user ("applied 2 safe fixes").
    assert.deepEqual(outcome, { applied: 2 });
  });

  it('applies severity overrides from per-resource settings', async () => {
    const uri = 'file:///work/c/Dockerfile';
    client.settings[uri] = {
      severityOverrides: [
        { rule: 'pinning', severity: 'off' },
        { rule: 'minimal-base', severity: 'off' },
        { rule: 'no-root-*', severity: 'error' },
      ],
    };
    await client.open(uri, 'FROM node:22\nCMD ["node"]\n');
    const published = await client.diagnostics(uri);
    assert.deepEqual(codes(published), ['no-root-user']);
    assert.equal(published.diagnostics[0].severity, 1);
  });

  it('re-checks open documents when settings change', async () => {
    const uri = 'file:///work/c/Dockerfile';
    client.settings[uri] = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(published.diagnostics, []);
  });

  it('never offers fixes computed for an older version of the document', async () => {
    const uri = 'file:///work/a/Dockerfile';
    const stale = (await client.diagnostics(uri)).diagnostics.find((d) => d.code === 'exec-form')!;
    const actions = await client.codeActions(uri, [stale]);
    assert.deepEqual(actions, []);
  });

  it('a diagnostic from an older version whose finding is still there gets the fix for the text as it is now', async () => {
    const uri = 'file:///work/stale-but-present/Dockerfile';
    await client.open(uri, "FROM registry.example.com/base:1.4.2\nUSER node\nCMD ['/a']\n");
    const old = (await client.diagnostics(uri)).diagnostics.find((d) => d.code === 'json-args-invalid')!;
    const now = "FROM registry.example.com/base:1.4.2\nUSER 1000:1000\nCMD ['/a']\n";
    await client.change(uri, now, 2);
    await client.diagnostics(uri, (p) => p.version === 2);
    const actions = await client.codeActions(uri, [old]);
    const fix = actions.find((a) => a.title === 'Rewrite as a valid JSON array')!;
    assert.equal((fix.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 2);
    assert.equal(applyWorkspaceEdit(now, fix.edit), 'FROM registry.example.com/base:1.4.2\nUSER 1000:1000\nCMD ["/a"]\n');
  });

  it('survives binary junk, a huge line and an unterminated heredoc, and keeps answering', async () => {
    const uri = 'file:///work/d/Dockerfile';
    await client.open(uri, `\u0000\u0001FROM\uFFFD\nRUN <<EOF\n${'x'.repeat(200_000)}\n`);
    await client.diagnostics(uri);
    const other = 'file:///work/e/Dockerfile';
    await client.open(other, 'FROM node\nCMD ["node", "app.js"]\n');
    const published = await client.diagnostics(other);
    assert.deepEqual(codes(published), ['no-root-user', 'pin-base-image']);
    assert.deepEqual(client.stderr.join(''), '');
  });

  it('applies the nearest config file and re-checks when it changes on disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dfh-lsp-config-'));
    mkdirSync(join(root, 'svc'));
    writeFileSync(join(root, '.dockerfile-hardening.json'), '{ "rules": { "pinning": "off" } }');
    const uri = pathToFileURL(join(root, 'svc', 'Dockerfile')).href;
    await client.open(uri, 'FROM registry.example.com/base\n');
    assert.deepEqual(codes(await client.diagnostics(uri)), ['no-root-user']);
    writeFileSync(join(root, '.dockerfile-hardening.json'), '{ "rules": { "least-privilege": "off" } }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, '.dockerfile-hardening.json')).href, type: 2 }] });
    const updated = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'pin-base-image'));
    assert.deepEqual(codes(updated), ['pin-base-image']);
  });

  it('checks compose files and devcontainer.json by their path, whatever their language id', async () => {
    const compose = 'file:///work/stack/compose.yaml';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: compose, languageId: 'yaml', version: 1, text: 'services:\n  a:\n    image: x:1.0.0\n    privileged: true\n' },
    });
    assert.deepEqual(codes(await client.diagnostics(compose)), ['container-privileges']);
    const devcontainer = 'file:///work/stack/.devcontainer/devcontainer.json';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: devcontainer, languageId: 'jsonc', version: 1, text: '{ "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock"] }' },
    });
    assert.deepEqual(codes(await client.diagnostics(devcontainer)), ['docker-socket-mount']);
    const broken = 'file:///work/stack/docker-compose.yml';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'yaml', version: 1, text: 'services: [\n' } });
    const published = await client.diagnostics(broken);
    assert.match(String(published.diagnostics[0]?.message), /checked as far as it parses/);
  });

  it('judges COPY . against the real build context and offers to create a .dockerignore', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dfh-lsp-context-'));
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.env'), 'X=1\n');
    const uri = pathToFileURL(join(root, 'Dockerfile')).href;
    await client.open(uri, 'FROM registry.example.com/base:1.4.2\nUSER 1000\nCOPY . /app\n');
    const finding = (await client.diagnostics(uri)).diagnostics.find((d) => d.code === 'dockerignore-gaps')!;
    assert.match(String(finding.message), /\.env, \.git|\.git, \.env/);
    const action = (await client.codeActions(uri, [finding])).find((a) => a.title.startsWith('Create a .dockerignore'))!;
    const changes = action.edit!.documentChanges as { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] }[];
    const ignoreUri = pathToFileURL(join(root, '.dockerignore')).href;
    assert.deepEqual(changes[0], { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } });
    assert.match(changes[1].edits![0].newText, /^\.git$/m);
  });

  it('answers a request for a document it never saw', async () => {
    const actions = await client.codeActions('file:///never/opened/Dockerfile', []);
    assert.deepEqual(actions, []);
  });
});
