/**
 * Starts code-server (VS Code in the browser) with the packaged extension installed, and drives
 * its workbench with playwright-core in Debian's Chromium. Everything here waits for what the user
 * would see (a squiggle, a menu, a saved tab), never for a fixed time.
 *
 * The tools come from test/e2e/install.sh, which writes their paths to $DFH_E2E_HOME/paths.json.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const repo = resolve(import.meta.dirname, '../..');
export const e2eHome = process.env.DFH_E2E_HOME ?? join(homedir(), '.cache/dockerfile-hardening-e2e');
export const paths = JSON.parse(readFileSync(join(e2eHome, 'paths.json'), 'utf8'));
export const vsixPath = process.env.DFH_VSIX ?? join(repo, 'dist/dockerfile-hardening.vsix');
/** Screenshots land here; `npm run test:e2e -- --update-screenshots` copies them to docs/images. */
export const screenshotDir = process.env.DFH_E2E_SCREENSHOTS ?? join(repo, '.e2e-output');

const { chromium } = createRequire(import.meta.url)(paths.playwrightCore);

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh copy of the fixture workspace, so tests can change files freely. */
export function copyFixture(name = 'fixture') {
  const dir = mkdtempSync(join(tmpdir(), 'dfh-e2e-ws-'));
  cpSync(join(import.meta.dirname, name), dir, { recursive: true });
  return dir;
}

/**
 * Starts code-server on a free loopback port with its own user data and extensions folders.
 * `trust: false` turns Workspace Trust on and opens folders in Restricted Mode. `extraVsix` are
 * installed too, and `env` reaches the extension host.
 */
export async function startCodeServer({ trust = true, extraVsix = [], env = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'dfh-e2e-cs-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    ...BASE_SETTINGS,
    'security.workspace.trust.enabled': !trust,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
  };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of [vsixPath, ...extraVsix]) execFileSync(paths.node, [paths.codeServer, ...common, '--install-extension', vsix], { stdio: 'pipe' });

  const port = await freePort();
  const child = spawn(
    paths.node,
    [paths.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', ...common],
    // Its own cache folder: the registry cache of the extension stays out of the user's.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '', XDG_CACHE_HOME: join(root, 'cache'), ...env } },
  );
  const log = [];
  await new Promise((ready, reject) => {
    const onData = (chunk) => {
      log.push(chunk.toString());
      if (/HTTP server listening on/.test(log.join(''))) ready();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${log.join('')}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * code-server, Chromium and a workbench on the folder, ready for input; `close()` ends them all.
 * `serverOptions` go to startCodeServer.
 */
export async function startSession(folder, serverOptions = {}) {
  const server = await startCodeServer(serverOptions);
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  try {
    return { server, wb: await openWorkbench(browser, server, folder), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens the workbench on a folder and waits until it is ready for keyboard input. */
export async function openWorkbench(browser, server, folder) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .statusbar').first().waitFor();
  return new Workbench(page);
}

/** Resolves once a file exists on disk and is not empty (watching its folder, not polling). */
export async function waitForFile(path, timeout = 15_000) {
  const ready = () => existsSync(path) && statSync(path).size > 0;
  if (ready()) return;
  await new Promise((resolveWait, reject) => {
    const watcher = watch(dirname(path), () => {
      if (!ready()) return;
      clearTimeout(timer);
      watcher.close();
      resolveWait();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${path} did not appear within ${timeout} ms`));
    }, timeout);
  });
}

/**
 * Runs in the page: the line numbers (1-based) of the active editor that carry a squiggle of the
 * severity class. Each squiggle sits in the overlay row whose `top` matches a line-number row.
 */
function squiggleLinesInPage(cls) {
  const editor = document.querySelector('.editor-instance .monaco-editor');
  if (!editor) return null;
  const numbers = new Map();
  for (const row of editor.querySelectorAll('.margin-view-overlays > div')) {
    const label = row.querySelector('.line-numbers');
    if (label) numbers.set(row.style.top, Number(label.textContent));
  }
  const lines = new Set();
  for (const squiggle of editor.querySelectorAll(`.view-overlays .squiggly-${cls}`)) {
    const line = numbers.get(squiggle.parentElement.style.top);
    if (line) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** The lightbulb / Ctrl+. menu (not its submenu panel). */
export const ACTION_MENU = '.action-widget:not(.action-list-submenu-panel)';

/** The actions a person takes in the workbench, each finishing when its result is visible. */
export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Runs a command from the palette by its exact label. */
  async runCommand(label) {
    const { page } = this;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file through Quick Open and waits for its editor. */
  async openFile(relativePath) {
    const { page } = this;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    const name = relativePath.split('/').pop();
    const folder = relativePath.split('/').slice(0, -1).join('/');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ hasText: folder }).first();
    await row.waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /** The active text editor. */
  get editor() {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /**
   * Waits until the active editor's squiggles of one kind are on exactly these lines (1-based).
   * On a timeout the error says where they were.
   */
  async waitForSquiggles(kind, expected, timeout = 30_000) {
    const want = JSON.stringify(expected);
    try {
      // An expression string: Playwright evaluates it itself, so the page's CSP does not apply.
      const condition = `JSON.stringify((${squiggleLinesInPage})(${JSON.stringify(kind)})) === ${JSON.stringify(want)}`;
      await this.page.waitForFunction(condition, undefined, { timeout });
    } catch (error) {
      const actual = await this.page.evaluate(squiggleLinesInPage, kind);
      throw new Error(`squiggles (${kind}) expected on lines ${want}, found on ${JSON.stringify(actual)}: ${error.message}`);
    }
  }

  /** Moves the cursor with Go to Line (Ctrl+G), as `line:column`. */
  async goToLine(line, column = 1) {
    const { page } = this;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Keys pressed next go to the editor only once it has the focus back; on a loaded machine
    // that comes after the input is hidden. The status bar shows the new cursor position.
    await page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  /** Opens the lightbulb menu (Ctrl+.) on a line and returns the titles it offers. */
  async openQuickFixMenu(line, column = 1) {
    await this.goToLine(line, column);
    const firstRow = this.page.locator(ACTION_MENU).locator('.monaco-list-row.action').first();
    // On a loaded machine the browser sometimes drops the key (the editor is focused, the cursor
    // in place, and nothing opens): as a person would, press it again, a few times at most.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Period');
      try {
        await firstRow.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw new Error(`no quick-fix menu after Ctrl+. pressed 3 times: ${JSON.stringify(await this.state())}`, { cause: error });
        console.error(`openQuickFixMenu: no menu 10 s after Ctrl+. on ${line}:${column} (attempt ${attempt}), pressing it again`);
      }
    }
    return this.page.locator(ACTION_MENU).locator('.monaco-list-row.action').allTextContents();
  }

  /** What the workbench shows, for a failure message: focus, cursor, messages, open widgets. */
  async state() {
    await this.screenshot('failure');
    return this.page.evaluate(() => ({
      focused: document.activeElement?.className ?? null,
      cursor: document.getElementById('status.editor.selection')?.textContent ?? null,
      editorMessage: document.querySelector('.monaco-editor-overlaymessage')?.textContent ?? null,
      notifications: [...document.querySelectorAll('.notification-list-item-message')].map((n) => n.textContent),
      actionWidgets: document.querySelectorAll('.action-widget').length,
      hover: document.querySelector('.monaco-hover:not(.hidden)')?.textContent?.slice(0, 200) ?? null,
    }));
  }

  /** Chooses a quick fix by its title in the open menu. */
  async chooseQuickFix(title) {
    const item = this.page.locator(`${ACTION_MENU} .monaco-list-row.action`, { hasText: title }).first();
    await item.click();
    await this.page.locator(ACTION_MENU).waitFor({ state: 'hidden' });
  }

  /** Chooses an item of the open quick pick (the second step of "Disable …") by its label. */
  async choosePick(label) {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Points the mouse at the first word of a line and returns the hover widget. */
  async hoverLine(line) {
    const point = await this.editor.evaluate((editor, wanted) => {
      let top = null;
      for (const row of editor.querySelectorAll('.margin-view-overlays > div')) {
        if (Number(row.querySelector('.line-numbers')?.textContent) === wanted) top = row.style.top;
      }
      const text = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
      const box = text.querySelector('span span').getBoundingClientRect();
      return { x: box.left + Math.min(10, box.width / 2), y: box.top + box.height / 2 };
    }, line);
    await this.page.mouse.move(point.x, point.y);
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    await hover.first().waitFor();
    return hover;
  }

  async showProblems() {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').waitFor();
  }

  async hideProblems() {
    await this.runCommand('View: Hide Panel');
    await this.page.locator('.markers-panel').waitFor({ state: 'hidden' });
  }

  /** Saves the active editor, with or without save participants, and waits until it is clean. */
  async save({ participants = false } = {}) {
    if (participants) {
      await this.page.keyboard.press('Control+S');
    } else {
      await this.runCommand('File: Save without Formatting');
    }
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Waits for the active tab to have unsaved changes (an edit was applied). */
  async waitForDirty() {
    await this.page.locator('.tab.active.dirty').waitFor();
  }

  async screenshot(name) {
    mkdirSync(screenshotDir, { recursive: true });
    await this.page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  }
}
