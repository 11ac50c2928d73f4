/**
 * Restricted Mode: a folder the user has not trusted. The linter only reads files, so its
 * diagnostics must still appear there (registry lookups stay off, which the LSP tests cover).
 */
import { after, before, test } from 'node:test';
import { copyFixture, startSession } from './codeServer.mjs';

let session;
let wb;

before(async () => {
  session = await startSession(copyFixture(), { trust: false });
  wb = session.wb;
});

after(() => session?.close());

test('in Restricted Mode the squiggles and the workspace findings still appear', async () => {
  // The workbench says it is in Restricted Mode (status bar entry), so trust really is off.
  await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
  await wb.openFile('web/Dockerfile');
  await wb.waitForSquiggles('warning', [1, 3, 7]);
  // The workspace scan reads files too, so unopened files report as well.
  await wb.showProblems();
  await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'docker-socket-mount' }).waitFor();
  await wb.screenshot('restricted-mode');
});
