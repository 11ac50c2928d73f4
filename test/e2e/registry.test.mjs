/**
 * The registry-backed quick fix in the editor: "Pin … to its digest" is listed without any
 * lookup, and VS Code resolves it (codeAction/resolve) when picked, against a real registry
 * (Debian's docker-registry) on 127.0.0.1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryAvailable, TestRegistry } from '../registry/registryServer.ts';
import { copyFixture, startSession } from './codeServer.mjs';

const skip = !registryAvailable() && 'docker-registry is not installed (apt-get install docker-registry)';
let registry;
let session;
let wb;
let workspace;
let index;

before(async () => {
  if (skip) return;
  registry = await TestRegistry.start();
  index = await registry.pushMultiArch('mirror/node', 'e2e', ['22.4.1', '22']);
  workspace = copyFixture();
  mkdirSync(join(workspace, 'pin'));
  writeFileSync(join(workspace, 'pin/Dockerfile'), `FROM ${registry.host}/mirror/node:22\nUSER node\nCMD ["node", "server.js"]\n`);
  // A major tag is a hint by default (teams float it on purpose); this team wants it a warning.
  writeFileSync(join(workspace, 'pin/.dockerfile-hardening.json'), JSON.stringify({ rules: { 'pin-base-image': 'warning' } }));
  session = await startSession(workspace);
  wb = session.wb;
});

after(async () => {
  await session?.close();
  await registry?.stop();
});

test('pin a base image to its digest, looked up when the fix is picked', { skip }, async () => {
  await wb.openFile('pin/Dockerfile');
  await wb.waitForSquiggles('warning', [1]);
  const titles = await wb.openQuickFixMenu(1, 6);
  assert.ok(
    titles.some((t) => t.includes(`Pin ${registry.host}/mirror/node:22 to its exact version`)),
    JSON.stringify(titles),
  );
  await wb.chooseQuickFix(`Pin ${registry.host}/mirror/node:22 to its digest`);
  await wb.waitForSquiggles('warning', []);
  await wb.save();
  assert.equal(readFileSync(join(workspace, 'pin/Dockerfile'), 'utf8'), `FROM ${registry.host}/mirror/node:22@${index}\nUSER node\nCMD ["node", "server.js"]\n`);
});
