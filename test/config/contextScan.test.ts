import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ContextCache } from '../../server/src/config/contextCache';
import { scanBuildContext } from '../../server/src/config/contextScan';

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfh-context-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('build context scan', () => {
  it('reads files whose names look secret and keeps only a verdict: settings-only configs and public keys are harmless', () => {
    const root = folder({
      Dockerfile: 'FROM node:22.4.1-slim\nCOPY . .\n',
      '.npmrc': 'shamefully-hoist=true\nauto-install-peers=true\n',
      'config/.npmrc': '//registry.npmjs.org/:_authToken=npm_0123456789abcdef\n',
      'certs/repo.key': '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n',
      'certs/server.key': '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH\n-----END PRIVATE KEY-----\n',
      'certs/store.p12': '\u0030\u0082binary',
      '.env': 'NODE_ENV=production\n',
    });
    const context = scanBuildContext(join(root, 'Dockerfile'));
    assert.deepEqual(context.harmless?.sort(), ['.npmrc', 'certs/repo.key']);
    // Only the verdict: no file's text is kept in the context.
    assert.ok(!JSON.stringify(context).includes('npm_0123456789abcdef'));
  });

  it("an ignore file's context carries the Dockerfile built with it, or none", () => {
    const root = folder({ 'api/Dockerfile': 'FROM node:22.4.1-slim\nCOPY . .\n', 'api/.dockerignore': '.git\n', 'docs/.dockerignore': '.git\n' });
    const contexts = new ContextCache();
    assert.equal(contexts.forIgnoreFile(join(root, 'api', '.dockerignore')).dockerfile?.text, 'FROM node:22.4.1-slim\nCOPY . .\n');
    assert.equal(contexts.forIgnoreFile(join(root, 'docs', '.dockerignore')).dockerfile, null);
  });
});
