/**
 * The packaged extension in a real VS Code (code-server), used the way a person uses it: open a
 * file, see the squiggles, hover, open the lightbulb menu, pick a fix, save. Each test checks what
 * ends up on screen or on disk, exactly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_MENU, copyFixture, startSession, waitForFile } from './codeServer.mjs';

const DOCS = 'https://github.com/dockerfile-hardening/dockerfile-hardening/blob/main/docs/rules/';

describe('the extension in code-server', () => {
  let session;
  let wb;
  let workspace;
  const onDisk = (path) => readFileSync(join(workspace, path), 'utf8');

  before(async () => {
    workspace = copyFixture();
    session = await startSession(workspace);
    wb = session.wb;
  });

  after(() => session?.close());

  test('squiggles appear on the lines with findings, and the hover explains one with its docs link', async () => {
    await wb.openFile('web/Dockerfile');
    // no-root-user on FROM, prefer-copy on ADD, exec-form on CMD; healthcheck-missing is info.
    await wb.waitForSquiggles('warning', [1, 3, 7]);
    await wb.waitForSquiggles('info', [1]);

    const hover = await wb.hoverLine(3);
    await hover.filter({ hasText: 'COPY does the same and says so' }).waitFor();
    const links = await hover.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
    assert.ok(links.includes(`${DOCS}prefer-copy.md`), `a link to the rule's page, got ${JSON.stringify(links)}`);
    await wb.screenshot('squiggles-and-hover');
    await wb.page.keyboard.press('Escape');
  });

  test('the lightbulb menu offers the fix first and one disable entry per rule', async () => {
    await wb.openFile('web/Dockerfile');
    await wb.waitForSquiggles('warning', [1, 3, 7]);
    const titles = await wb.openQuickFixMenu(7, 5);
    assert.ok(titles[0].includes('Convert to exec form'), `the fix first: ${JSON.stringify(titles)}`);
    assert.deepEqual(
      titles.filter((t) => t.includes('Disable')),
      ['Disable exec-form…'],
    );
    // The fix is the default selection: Enter would apply it.
    const focused = await wb.page.locator(`${ACTION_MENU} .monaco-list-row.action.focused`).allTextContents();
    assert.ok(focused.length === 1 && focused[0].includes('Convert to exec form'), `focused: ${JSON.stringify(focused)}`);
    await wb.screenshot('quick-fix-menu');
    await wb.page.keyboard.press('Escape');
    await wb.page.locator(ACTION_MENU).waitFor({ state: 'hidden' });
  });

  test('the hover shows the whole Risk paragraph of the rule page, the finding before the keyword help', async () => {
    await wb.openFile('web/Dockerfile');
    await wb.waitForSquiggles('warning', [1, 3, 7]);
    const hover = await wb.hoverLine(1);
    // The paragraph's last sentence, four lines below its first on the page: nothing was cut.
    await hover.filter({ hasText: 'policies also refuse images that run as root.' }).waitFor();
    const text = (await hover.allTextContents()).join('\n');
    assert.ok(text.includes('A process running as root inside the container is root on the host'), text.slice(0, 300));
    await wb.page.keyboard.press('Escape');
  });

  test('Fix all hardening problems says what it did, and says so when there is nothing left', async () => {
    await wb.openFile('fixes/fix-all/Dockerfile');
    await wb.waitForSquiggles('warning', [3, 4, 6]);
    await wb.runCommand('Dockerfile Hardening: Fix all hardening problems');
    await wb.page.locator('.notification-list-item-message', { hasText: 'Dockerfile Hardening: applied 3 safe fixes.' }).waitFor();
    await wb.waitForSquiggles('warning', []);
    await wb.runCommand('Dockerfile Hardening: Fix all hardening problems');
    await wb.page.locator('.notification-list-item-message', { hasText: 'Dockerfile Hardening: nothing safe to fix in this file.' }).waitFor();
    await wb.save();
    assert.equal(onDisk('fixes/fix-all/Dockerfile'), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY src ./src\nUSER node\nCMD ["node", "src/server.js"]\n');
  });

  test('the Output channel says what started and what the workspace scan did', async () => {
    await wb.runCommand('Dockerfile Hardening: Show output');
    // The channel is a Monaco editor: its text has non-breaking spaces. An expression string, so
    // that Playwright evaluates it itself and the page's CSP does not apply.
    const text = `(document.querySelector('.output-view .view-lines')?.textContent ?? '').replace(/\\u00a0/g, ' ')`;
    const started = /dockerfile-hardening \d+\.\d+\.\d+ started: \d+ rules, editor features on/;
    const scanned = /workspace scan: \d+ files in 1 folder, \d+ findings, \d+ ms/;
    try {
      await wb.page.waitForFunction(`${started}.test(${text}) && ${scanned}.test(${text})`, undefined, { timeout: 30_000 });
    } catch (error) {
      throw new Error(`Output channel: ${JSON.stringify(await wb.page.evaluate(text))}`, { cause: error });
    }
    await wb.screenshot('output-channel');
    await wb.runCommand('View: Hide Panel');
    await wb.page.locator('.output-view').waitFor({ state: 'hidden' });
  });

  test('the Problems view lists findings of files that were never opened', async () => {
    await wb.showProblems();
    const rows = wb.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'compose.yaml' }).waitFor();
    await rows.filter({ hasText: 'Service "worker" mounts the Docker socket' }).waitFor();
    await rows.filter({ hasText: 'release.yml' }).waitFor();
    await rows.filter({ hasText: 'docker-socket-mount' }).waitFor();
    await rows.filter({ hasText: 'image-scan-missing' }).first().waitFor();
    await wb.screenshot('problems-view');
    // None of them has an editor: the findings came from the workspace scan.
    const tabs = await wb.page.locator('.tab').evaluateAll((all) => all.map((t) => t.getAttribute('data-resource-name')));
    assert.ok(!tabs.includes('compose.yaml') && !tabs.includes('release.yml'), `tabs: ${tabs}`);
    await wb.hideProblems();
  });

  test('a safe fix from the menu: ADD becomes COPY', async () => {
    await wb.openFile('fixes/safe/Dockerfile');
    await wb.waitForSquiggles('warning', [3]);
    await wb.openQuickFixMenu(3, 1);
    await wb.chooseQuickFix('Replace ADD with COPY');
    await wb.waitForSquiggles('warning', []);
    await wb.save();
    assert.equal(onDisk('fixes/safe/Dockerfile'), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\nCMD ["node", "server.js"]\n');
  });

  test("a suggestion to review: run as the base image's unprivileged user", async () => {
    await wb.openFile('fixes/suggestion/Dockerfile');
    await wb.waitForSquiggles('warning', [1]);
    await wb.openQuickFixMenu(1, 1);
    await wb.chooseQuickFix('Run as the image\'s "node" user (1000:1000) and let it write to /app (review the change)');
    await wb.waitForSquiggles('warning', []);
    await wb.save();
    assert.equal(
      onDisk('fixes/suggestion/Dockerfile'),
      'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nRUN mkdir -p /app \\\n    && chown 1000:1000 /app\nUSER 1000:1000\nCMD ["node", "server.js"]\n',
    );
  });

  test('fix all problems of one rule from the menu', async () => {
    await wb.openFile('fixes/rule-all/Dockerfile');
    await wb.waitForSquiggles('warning', [3, 4]);
    await wb.openQuickFixMenu(3, 1);
    await wb.chooseQuickFix('Fix all prefer-copy problems');
    await wb.waitForSquiggles('warning', []);
    await wb.save();
    assert.equal(onDisk('fixes/rule-all/Dockerfile'), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY src ./src\nUSER node\nCMD ["node", "src/server.js"]\n');
  });

  test('Disable…, then "For this instruction", inserts the comment and the squiggle goes', async () => {
    await wb.openFile('fixes/disable-line/Dockerfile');
    await wb.waitForSquiggles('warning', [5]);
    await wb.openQuickFixMenu(5, 5);
    await wb.chooseQuickFix('Disable exec-form…');
    await wb.choosePick('For this instruction');
    await wb.waitForSquiggles('warning', []);
    await wb.save();
    assert.equal(onDisk('fixes/disable-line/Dockerfile'), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\n# hardening-ignore exec-form\nCMD node server.js\n');
  });

  test('Disable…, then "For this file", writes the comment after the parser directives', async () => {
    await wb.openFile('fixes/disable-file/Dockerfile');
    await wb.waitForSquiggles('warning', [2]);
    await wb.openQuickFixMenu(2, 1);
    await wb.chooseQuickFix('Disable no-root-user…');
    await wb.choosePick('For this file');
    await wb.waitForSquiggles('warning', []);
    await wb.save();
    assert.equal(
      onDisk('fixes/disable-file/Dockerfile'),
      '# syntax=docker/dockerfile:1\n# hardening-ignore-file no-root-user\nFROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nCMD ["node", "server.js"]\n',
    );
  });

  test('a fix that creates another file: a .dockerignore for the build context', async () => {
    await wb.openFile('fixes/dockerignore/Dockerfile');
    await wb.waitForSquiggles('error', [3]);
    await wb.openQuickFixMenu(3, 1);
    await wb.chooseQuickFix('Create a .dockerignore for this build context');
    await wb.runCommand('File: Save All Files');
    await waitForFile(join(workspace, 'fixes/dockerignore/.dockerignore'));
    assert.equal(
      onDisk('fixes/dockerignore/.dockerignore'),
      '# Keep version control data, secrets and local dependencies out of the image.\n.git\n.env\n.env.*\n!.env.example\nnode_modules\nnpm-debug.log*\n',
    );
    // The server sees the new ignore file and the finding goes.
    await wb.openFile('fixes/dockerignore/Dockerfile');
    await wb.waitForSquiggles('error', []);
    assert.equal(onDisk('fixes/dockerignore/Dockerfile'), 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
  });

  test('fix all on save through editor.codeActionsOnSave', async () => {
    await wb.openFile('fixes/on-save/Dockerfile');
    await wb.waitForSquiggles('warning', [3, 5]);
    // Type a line, as a person would before saving, then Ctrl+S.
    await wb.goToLine(1, 1);
    await wb.page.keyboard.type('# Web front end\n');
    await wb.waitForDirty();
    await wb.save({ participants: true });
    assert.equal(onDisk('fixes/on-save/Dockerfile'), '# Web front end\nFROM node:22.4.1-slim\nWORKDIR /app\nCOPY package.json ./\nUSER node\nCMD ["node", "server.js"]\n');
    await wb.waitForSquiggles('warning', []);
  });

  test('a CI workflow: keyless cosign signing after the push, with the id-token permission', async () => {
    await wb.openFile('.github/workflows/release.yml');
    await wb.waitForSquiggles('warning', [10]);
    await wb.openQuickFixMenu(10, 15);
    await wb.chooseQuickFix('Sign the pushed image with cosign (adds job permissions: check them) (review the change)');
    // The scan finding stays, on the build step's new line.
    await wb.waitForSquiggles('warning', [14]);
    await wb.save();
    assert.equal(
      onDisk('.github/workflows/release.yml'),
      [
        'name: release',
        'on:',
        '  push:',
        '    tags: ["v*"]',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-24.04',
        '    permissions:',
        '      contents: read',
        '      packages: write',
        '      id-token: write',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: docker/build-push-action@v6',
        '        id: build-image',
        '        with:',
        '          context: web',
        '          push: true',
        '          tags: ghcr.io/example/web:${{ github.ref_name }}',
        '      - name: Install cosign',
        '        uses: sigstore/cosign-installer@v3.7.0',
        "      - name: Sign the image (keyless, with this workflow's identity)",
        '        run: cosign sign --yes "ghcr.io/example/web@${{ steps.build-image.outputs.digest }}"',
        '',
      ].join('\n'),
    );
  });

  test('the web Dockerfile was never changed by the other tests', () => {
    assert.equal(onDisk('web/Dockerfile'), readFileSync(join(import.meta.dirname, 'fixture/web/Dockerfile'), 'utf8'));
    assert.ok(!existsSync(join(workspace, 'web/.dockerignore')));
  });
});
