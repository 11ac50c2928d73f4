// didChange → publishDiagnostics latency of the built server over stdio, while "typing":
// each edit is sent and the next one only after that version's diagnostics arrived. The first
// keystrokes after start-up run code the JIT has not optimised yet: they are reported apart
// (`first20`), and the steady state (p50/p95) is measured after `warmup` more edits.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export async function measureLsp(serverPath, text, edits, { warmup = 50, editorFeatures = false } = {}) {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => waiting.get(p.version)?.(p));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions: { editorFeatures } });
  const initializeMs = performance.now() - startedAt;
  const uri = 'file:///bench/Dockerfile';
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  let wait = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await wait;
  const lines = text.split('\n');
  const samples = [];
  for (let version = 2; version <= warmup + edits + 1; version++) {
    // Type one character at the end of a line in the middle of the file.
    const line = Math.floor(lines.length / 2);
    const character = lines[line].length + version - 2;
    wait = published(version);
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ' ' }] });
    await wait;
    samples.push(performance.now() - sent);
  }
  const rssKb = Number(/VmHWM:\s+(\d+)/.exec(require('node:fs').readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const steady = samples.slice(warmup);
  const first = samples.slice(0, 20);
  return { p50: percentile(steady, 50), p95: percentile(steady, 95), first20: { p50: percentile(first, 50), max: Math.max(...first) }, initializeMs, peakRssMb: rssKb / 1024 };
}

// The server's workspace scan: from `initialized` until every expected file has diagnostics.
export async function measureWorkspaceScan(serverPath, folder, expected) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const seen = new Set();
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    seen.add(p.uri);
    if (seen.size >= expected) done();
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: `file://${folder}`, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    initializationOptions: { editorFeatures: false },
  });
  const started = performance.now();
  await connection.sendNotification('initialized', {});
  let peak = 0;
  const poll = setInterval(() => {
    try {
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(require('node:fs').readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      /* exited */
    }
  }, 10);
  await finished;
  const ms = performance.now() - started;
  clearInterval(poll);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { ms, peakMb: peak / 1024, files: seen.size };
}
