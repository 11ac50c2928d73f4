import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../server/src/config/loadConfig';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfh-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function lint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  const findings = r.stdout ? (JSON.parse(r.stdout).findings as { file: string; rule: string; severity: string }[]) : [];
  return {
    code: r.status,
    stderr: r.stderr,
    findings,
    rules: (file: string) =>
      findings
        .filter((f) => f.file === file)
        .map((f) => `${f.rule}:${f.severity}`)
        .sort(),
  };
}

// A Dockerfile that triggers pinning, least-privilege and healthcheck, on an image with no end-of-life date.
const DOCKERFILE = 'FROM caddy\n';

describe('project configuration', () => {
  it('monorepo: each Dockerfile uses the nearest config up the tree', () => {
    const root = tree({
      '.dockerfile-hardening.json': '{ "rules": { "healthcheck": "off" } }',
      'services/a/.dockerfile-hardening.json': '// JSONC: comments allowed\n{ "rules": { "pinning": "off", }, }',
      'services/a/Dockerfile': DOCKERFILE,
      'services/b/Dockerfile': DOCKERFILE,
    });
    const { rules } = lint(root, '.');
    assert.deepEqual(rules('services/a/Dockerfile'), ['healthcheck-missing:info', 'no-root-user:warning']);
    assert.deepEqual(rules('services/b/Dockerfile'), ['no-root-user:warning', 'pin-base-image:warning']);
  });

  it('.hadolint.yaml: ignored, override and trustedRegistries map onto our rules', () => {
    const root = tree({
      '.hadolint.yaml': 'ignored:\n  - DL3006\n  - DL3057\noverride:\n  error:\n    - DL3002\ntrustedRegistries:\n  - ghcr.io\n',
      Dockerfile: DOCKERFILE,
    });
    assert.deepEqual(lint(root, '.').rules('Dockerfile'), ['no-root-user:error', 'untrusted-registry:error']);
  });

  it('our file wins over .hadolint.yaml, and "hadolint": false ignores it', () => {
    const root = tree({
      '.hadolint.yaml': 'ignored: [DL3002]\n',
      'a/.dockerfile-hardening.json': '{ "rules": { "no-root-user": "info" } }',
      'a/Dockerfile': DOCKERFILE,
      'b/.dockerfile-hardening.json': '{ "hadolint": false }',
      'b/Dockerfile': DOCKERFILE,
    });
    const { rules } = lint(root, '.');
    assert.ok(rules('a/Dockerfile').includes('no-root-user:info'));
    assert.ok(rules('b/Dockerfile').includes('no-root-user:warning'));
  });

  it('a broken config file is reported clearly and skipped, never a crash', () => {
    const root = tree({ '.dockerfile-hardening.json': '{ "rules": ', Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [\n' });
    const { code, stderr, rules } = lint(root, '.');
    assert.equal(code, 1);
    assert.match(stderr, /\.dockerfile-hardening\.json: not valid JSON/);
    assert.match(stderr, /\.hadolint\.yaml: not valid YAML/);
    assert.ok(rules('Dockerfile').includes('pin-base-image:warning'));
  });

  it('--config uses one file for everything; a missing one is a usage error', () => {
    const root = tree({ 'policy.json': '{ "rules": { "least-privilege": "off", "pinning": "error" } }', 'x/Dockerfile': DOCKERFILE });
    assert.deepEqual(lint(root, '--config', 'policy.json', '--ignore', 'healthcheck', '.').rules('x/Dockerfile'), ['pin-base-image:error']);
    const missing = lint(root, '--config', 'nope.json', '.');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: cannot read/);
  });

  it('exclude skips Dockerfiles under the given globs when a folder is searched', () => {
    const root = tree({
      '.dockerfile-hardening.json': '{ "exclude": ["vendor/**", "**/testdata"] }',
      Dockerfile: DOCKERFILE,
      'vendor/x/Dockerfile': DOCKERFILE,
      'pkg/testdata/Dockerfile': DOCKERFILE,
    });
    const files = [...new Set(lint(root, '.').findings.map((f) => f.file))];
    assert.deepEqual(files, ['Dockerfile']);
  });

  it('resolveConfig lists the files it read, nearest first', () => {
    const root = tree({ '.hadolint.yml': 'ignored: []\n', 'deep/er/.dockerfile-hardening.json': '{}', 'deep/er/Dockerfile': DOCKERFILE });
    const config = resolveConfig(join(root, 'deep', 'er', 'Dockerfile'));
    assert.deepEqual(config.files, [join(root, 'deep', 'er', '.dockerfile-hardening.json'), join(root, '.hadolint.yml')]);
    assert.deepEqual(config.problems, []);
  });
});
