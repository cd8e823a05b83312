// A user who turned the protocol trace on (`"shiftwise.trace.server": "messages"`) and works in a high-contrast
// theme: the Shiftwise output shows the messages between VS Code and the server, and the preview takes the
// theme's colours. A code-server of its own, with those settings from the start, as the user's settings.json has
// them. Run by `pnpm test:editor` after editor.test.ts; screenshots in test-results/editor/.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { exampleText } from '../../core/test/support/examples.js';
import { type CodeServer, readOutputLog, startCodeServer } from './code-server.js';
import {
  activeEditor,
  activeWebview,
  activeWebviewElement,
  chromiumArgs,
  clippedText,
  explorerItem,
  openWorkbench,
  runCommand,
  showOutputChannel,
} from './workbench.js';

const results = new URL('../../test-results/editor/', import.meta.url).pathname;
const fileName = 'vertex-rolling.rollout.yaml';

let temp: string;
let dataDir: string;
let server: CodeServer;
let browser: Browser;
let page: Page;

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'shiftwise-trace-'));
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  await writeFile(join(workspace, fileName), exampleText(fileName));
  await mkdir(results, { recursive: true });
  dataDir = join(temp, 'user-data');
  server = await startCodeServer(dataDir, {
    settings: { 'shiftwise.trace.server': 'messages', 'workbench.colorTheme': 'Default High Contrast' },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.setDefaultTimeout(60_000);
  await openWorkbench(page, server.url, workspace, fileName);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  // code-server's last writes into its user data can land while the folder is removed (ENOTEMPTY): retried.
  if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

test('with shiftwise.trace.server on, the Shiftwise output shows the protocol', async () => {
  await explorerItem(page, fileName).click();
  await activeEditor(page).locator('.codelens-decoration', { hasText: /waves/ }).first().waitFor();
  // The workbench writes the channel to its log folder when it flushes: poll the file, within the page's own
  // 60 s timeout (20 s was tight: under two busy processes on two cores the first part of this test took 11 s).
  let log = '';
  const deadline = Date.now() + 60_000;
  while (!/Received notification 'textDocument\/publishDiagnostics'/.test(log) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    log = await readOutputLog(dataDir);
  }
  assert.match(log, /\[info\] Sending request 'initialize - \(0\)'/);
  assert.match(log, /\[info\] Received notification 'textDocument\/publishDiagnostics'/);
  // And on screen: the Output panel on the Shiftwise channel.
  await showOutputChannel(page, 'Shiftwise');
  const panel = page.locator('[id="workbench.panel.output"]');
  // Waits (the page's 60 s) for the trace to be on screen, instead of polling it for 10 s.
  await panel
    .filter({ hasText: /(Sending|Received)\s(request|notification|response)/ })
    .waitFor()
    .catch(() => undefined);
  await page.screenshot({ path: join(results, 'output-trace.png') });
  assert.match((await panel.textContent()) ?? '', /(Sending|Received)\s(request|notification|response)/);
  await writeFile(join(results, 'output-channel-trace.log'), log);
});

test('the preview in a high-contrast theme: theme colours, nothing clipped', async () => {
  await explorerItem(page, fileName).click();
  await activeEditor(page).click();
  await runCommand(page, 'Shiftwise: Preview Rollout Schedule');
  const view = activeWebview(page);
  await view
    .locator('.timeline')
    .waitFor()
    .catch(async (error) => {
      await page.screenshot({ path: join(results, 'failed-high-contrast-preview.png') });
      throw error;
    });
  const background = await view
    .locator('body')
    .evaluate((b) => getComputedStyle(b.ownerDocument.body).backgroundColor);
  assert.equal(background, 'rgb(0, 0, 0)', 'the high-contrast editor background');
  assert.deepEqual(await clippedText(view), []);
  await activeWebviewElement(page).screenshot({ path: join(results, 'preview-high-contrast.png') });
});
