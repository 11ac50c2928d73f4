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

  it("judges a folder named like a secret file by its files (homarr's packages/auth/providers/credentials)", () => {
    const root = folder({
      Dockerfile: 'FROM node:22.4.1-slim\nCOPY . .\n',
      'packages/auth/providers/credentials/index.ts': 'export const provider = {};\n',
      '.aws/credentials': '[default]\n',
    });
    const context = scanBuildContext(join(root, 'Dockerfile'));
    assert.deepEqual(context.harmless, ['packages/auth/providers/credentials']);
  });

  it("finds sshd configs that limit logins to forced commands (gogs' AllowUsers git), keeping only their paths", () => {
    const root = folder({
      Dockerfile: 'FROM alpine:3.23.0\nCOPY docker ./docker\n',
      'docker/sshd_config': 'Port 22\nPasswordAuthentication no\nAllowUsers git\n',
      'other/sshd_config': 'Port 22\n# AllowUsers admin\nPermitRootLogin no\n',
    });
    assert.deepEqual(scanBuildContext(join(root, 'Dockerfile')).restrictedSsh, ['docker/sshd_config']);
  });

  it('finds the start scripts and server configs that hand the service to another user, keeping only their paths', () => {
    const root = folder({
      Dockerfile: 'FROM debian:12.5-slim\nCOPY . .\n',
      'docker/docker-entrypoint.sh': '#!/bin/sh\nset -e\nchown -R app /data\nexec gosu app "$@"\n',
      'scripts/start.sh': '#!/bin/sh\nif [ "$(id -u)" = 0 ]; then exec su-exec app "$0" "$@"; fi\nexec server\n',
      'bootstrap.sh': '#!/usr/bin/env bash\npython manage.py migrate\nexec uwsgi --http :9090 uwsgi.ini\n',
      'uwsgi.ini': '[uwsgi]\nmodule = app.wsgi\nuid = www-data\ngid = www-data\n',
      'supervisor/conf.d/app.conf': '[program:app]\ncommand=/app/server\nuser=root\n',
      // Comments, names of other programs and files that start nothing are no evidence.
      'run.sh': '#!/bin/sh\n# exec gosu app server (not any more)\nexec /app/gosu-like-server\n',
      Makefile: 'run:\n\texec gosu app make\n',
      // It drops only where the operator sets PUID: by default the service runs as root.
      'docker-entrypoint.sh': '#!/bin/sh\nexport PUID=${PUID:-0}\n[ "$PUID" = 0 ] && exec node server.js\nexec su-exec "$PUID" node server.js\n',
      'docs/setup.md': 'exec gosu app server\n',
      // Mailu's start.py drops itself through a helper; a commented-out setuid is no evidence.
      'admin/start.py': '#!/usr/bin/env python3\nfrom socrate import system\nos.system("chown mailu /data")\nsystem.drop_privs_to("mailu")\nos.execv("/usr/bin/gunicorn", args)\n',
      'worker/run.py': '#!/usr/bin/env python3\n# os.setuid(1000) broke the volume\nos.execv("/usr/bin/worker", [])\n',
      // Any script at the top of the context: Mailu's fetchmail.py is its image's CMD.
      'fetchmail.py': '#!/usr/bin/env python3\nsystem.drop_privs_to("fetchmail")\nwhile True:\n    poll()\n',
      'lib/helpers.py': 'def drop_privileges(user):\n    os.setuid(1000)\n',
    });
    const context = scanBuildContext(join(root, 'Dockerfile'));
    // lib/helpers.py is neither named like a start script nor at the top: not read.
    assert.deepEqual(context.dropsPrivileges?.sort(), ['admin/start.py', 'bootstrap.sh', 'docker/docker-entrypoint.sh', 'fetchmail.py', 'scripts/start.sh', 'uwsgi.ini']);
  });

  it("lists a folder's own entries before its subfolders', so the cap never cuts the top level (Unleash's pnpm-workspace.yaml)", () => {
    const files: Record<string, string> = { Dockerfile: 'FROM node:22.4.1\nCOPY . .\n', 'pnpm-workspace.yaml': 'packages: [frontend]\n' };
    for (let i = 0; i < 5100; i++) files[`frontend/src/file${i}.ts`] = '';
    const context = scanBuildContext(join(folder(files), 'Dockerfile'));
    assert.ok(context.entries.includes('pnpm-workspace.yaml'));
    assert.ok(context.entries.length <= 5000, 'the cap still holds');
  });

  it("an ignore file's context carries the Dockerfile built with it, or none", () => {
    const root = folder({ 'api/Dockerfile': 'FROM node:22.4.1-slim\nCOPY . .\n', 'api/.dockerignore': '.git\n', 'docs/.dockerignore': '.git\n' });
    const contexts = new ContextCache();
    assert.equal(contexts.forIgnoreFile(join(root, 'api', '.dockerignore')).dockerfile?.text, 'FROM node:22.4.1-slim\nCOPY . .\n');
    assert.equal(contexts.forIgnoreFile(join(root, 'docs', '.dockerignore')).dockerfile, null);
  });
});
