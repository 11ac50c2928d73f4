/**
 * Runs inside VS Code's extension host (loaded by @vscode/test-electron). The scenarios of
 * test/e2e, through the API instead of the screen: diagnostics on the expected lines, the hover,
 * workspace-wide findings, each kind of code action applied and the text compared exactly,
 * fix-all on save. Every wait is for an event (diagnostics changed), bounded by a timeout.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('vscode');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const workspace = process.env.DFH_WORKSPACE;
const uriOf = (path) => vscode.Uri.file(join(workspace, path));
const SOURCE = 'dockerfile-hardening';

function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves when `check(diagnostics)` holds for the file, re-checking on each change event. */
function waitForDiagnostics(uri, check, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const done = () => check(ours(uri));
    if (done()) return resolve(ours(uri));
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics of ${uri.fsPath} never matched; last: ${JSON.stringify(ours(uri).map((d) => [d.range.start.line + 1, d.code?.value ?? d.code]))}`));
    }, timeout);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !done()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(ours(uri));
    });
  });
}

const warningLines = (diagnostics, severity = vscode.DiagnosticSeverity.Warning) =>
  JSON.stringify(
    diagnostics
      .filter((d) => d.severity === severity)
      .map((d) => d.range.start.line + 1)
      .sort((a, b) => a - b),
  );

async function open(path) {
  const document = await vscode.workspace.openTextDocument(uriOf(path));
  await vscode.window.showTextDocument(document);
  return document;
}

async function applyAction(path, line, title) {
  const document = await open(path);
  const uri = document.uri;
  await waitForDiagnostics(uri, (d) => d.some((x) => x.range.start.line === line - 1));
  const range = new vscode.Range(line - 1, 0, line - 1, document.lineAt(line - 1).text.length);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  await document.save();
  return document;
}

/**
 * "Disable <rule>…" carries one edit per scope for the client's quick pick (the code-server
 * test picks through the screen): here the chosen scope's edit is applied as the command would.
 */
async function applyDisable(path, line, rule, label) {
  const document = await open(path);
  const uri = document.uri;
  await waitForDiagnostics(uri, (d) => d.some((x) => x.range.start.line === line - 1));
  const range = new vscode.Range(line - 1, 0, line - 1, document.lineAt(line - 1).text.length);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range);
  const disables = actions.filter((a) => a.title.startsWith('Disable '));
  assert.deepEqual(
    disables.map((a) => a.title),
    [`Disable ${rule}…`],
  );
  const command = disables[0].command;
  assert.equal(command.command, 'dockerfileHardening.chooseDisable');
  const choice = command.arguments[0].choices.find((c) => c.label === label);
  assert.ok(choice, `"${label}" among ${JSON.stringify(command.arguments[0].choices.map((c) => c.label))}`);
  const edit = new vscode.WorkspaceEdit();
  for (const change of choice.edit.documentChanges)
    for (const e of change.edits)
      edit.replace(vscode.Uri.parse(change.textDocument.uri), new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await document.save();
  return document;
}

const scenarios = {
  async 'diagnostics on the expected lines, and the hover links the docs'() {
    const { uri } = await open('web/Dockerfile');
    const diagnostics = await waitForDiagnostics(uri, (d) => warningLines(d) === '[1,3,7]');
    assert.equal(warningLines(diagnostics, vscode.DiagnosticSeverity.Information), '[1]');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(2, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /docs\/rules\/prefer-copy\.md/);
  },
  async 'findings for files never opened'() {
    await waitForDiagnostics(uriOf('unopened/compose.yaml'), (d) => d.some((x) => (x.code?.value ?? x.code) === 'docker-socket-mount'));
    await waitForDiagnostics(uriOf('.github/workflows/release.yml'), (d) => d.some((x) => (x.code?.value ?? x.code) === 'image-scan-missing'));
  },
  async 'a safe fix'() {
    const document = await applyAction('fixes/safe/Dockerfile', 3, 'Replace ADD with COPY');
    assert.equal(document.getText(), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\nCMD ["node", "server.js"]\n');
  },
  async 'a suggestion'() {
    const document = await applyAction('fixes/suggestion/Dockerfile', 1, 'Run as the image\'s "node" user (1000:1000) and let it write to /app (review the change)');
    assert.equal(document.getText(), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nRUN mkdir -p /app \\\n    && chown 1000:1000 /app\nUSER 1000:1000\nCMD ["node", "server.js"]\n');
  },
  async 'fix all of one rule'() {
    const document = await applyAction('fixes/rule-all/Dockerfile', 3, 'Fix all prefer-copy problems');
    assert.equal(document.getText(), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY src ./src\nUSER node\nCMD ["node", "src/server.js"]\n');
  },
  async 'disable for this instruction'() {
    const document = await applyDisable('fixes/disable-line/Dockerfile', 5, 'exec-form', 'For this instruction');
    assert.equal(document.getText(), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\n# hardening-ignore exec-form\nCMD node server.js\n');
    await waitForDiagnostics(document.uri, (d) => d.length === 0);
  },
  async 'disable for this file'() {
    const document = await applyDisable('fixes/disable-file/Dockerfile', 2, 'no-root-user', 'For this file');
    assert.equal(document.getText(), '# syntax=docker/dockerfile:1\n# hardening-ignore-file no-root-user\nFROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nCMD ["node", "server.js"]\n');
  },
  async 'fix all on save'() {
    const document = await open('fixes/on-save/Dockerfile');
    await waitForDiagnostics(document.uri, (d) => warningLines(d) === '[3,5]');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# Web front end\n');
    await vscode.workspace.applyEdit(edit);
    await document.save();
    assert.equal(readFileSync(document.uri.fsPath, 'utf8'), '# Web front end\nFROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\nCMD ["node", "server.js"]\n');
  },
};

/** `log` is for the code-server harness; @vscode/test-electron calls run() without it. */
exports.run = async function run(log) {
  const say = typeof log === 'function' ? log : (line) => console.log(line);
  const failures = [];
  for (const [name, scenario] of Object.entries(scenarios)) {
    try {
      await scenario();
      say(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      say(`not ok - ${name}\n${error.stack}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} scenario(s) failed: ${failures.join(', ')}`);
};
