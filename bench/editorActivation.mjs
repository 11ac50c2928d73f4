// Extension activation in a real VS Code (code-server, installed by test/e2e/install.sh): the
// activation time VS Code itself reports (Developer: Show Running Extensions), and the time from
// a Dockerfile's editor appearing to its first squiggle. Fresh user data for every window.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const e2eHome = process.env.DFH_E2E_HOME ?? join(homedir(), '.cache/dockerfile-hardening-e2e');

export function editorBenchAvailable() {
  return existsSync(join(e2eHome, 'paths.json'));
}

export async function measureActivation(vsixPath, windows = 3) {
  process.env.DFH_VSIX = vsixPath;
  const { copyFixture, startSession } = await import('../test/e2e/codeServer.mjs');
  const activation = [];
  const firstSquiggle = [];
  for (let i = 0; i < windows; i++) {
    const { wb, close } = await startSession(copyFixture());
    try {
      await wb.openFile('web/Dockerfile');
      const shown = performance.now();
      await wb.waitForSquiggles('warning', [1, 3, 7]);
      firstSquiggle.push(performance.now() - shown);
      await wb.runCommand('Developer: Show Running Extensions');
      const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Dockerfile Hardening' });
      await row.locator('.activation-time').waitFor();
      const text = await row.locator('.activation-time').textContent();
      activation.push(Number(/(\d+)\s*ms/.exec(text ?? '')?.[1] ?? NaN));
    } finally {
      await close();
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { activationMs: median(activation), firstSquiggleMs: median(firstSquiggle), windows };
}
