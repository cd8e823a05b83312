// The packaged extension in a real VS Code (code-server) driven by headless Chromium: what a user sees after
// opening a rollout file with a canary at 60%. Run by `pnpm test:editor` (scripts/test-editor.sh), which installs
// code-server and the .vsix first. Screenshots of each step go to test-results/editor/.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { canaryText } from '../../core/test/support/examples.js';
import { type CodeServer, startCodeServer } from './code-server.js';
import {
  activeEditor,
  activeWebview,
  chromiumArgs,
  explorerItem,
  hoverToken,
  openWorkbench,
  retype,
  runCommand,
} from './workbench.js';

const results = new URL('../../test-results/editor/', import.meta.url).pathname;
const fileName = 'fraud.rollout.yaml';
/** Served too: rollout file names match in any case (core's isRolloutFile, the extension's selector). */
const capitalName = 'EU.Rollout.YAML';
/** The README's canary (examples/), its comments left out so that words like `bake` appear once, at 60%. */
const rollout = canaryText.replace(/^#.*\n/gm, '').replace('size: 25%', 'size: 60%');

let temp: string;
let server: CodeServer;
let browser: Browser;
let page: Page;

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'shiftwise-editor-'));
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  await writeFile(join(workspace, fileName), rollout);
  await writeFile(join(workspace, capitalName), rollout.replace('size: 60%', 'size: 25%'));
  await mkdir(results, { recursive: true });
  server = await startCodeServer(join(temp, 'user-data'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  // Clipboard access lets the test read what "Copy Plan as Markdown" put there.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await openWorkbench(page, server.url, workspace, fileName);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (temp) await rm(temp, { recursive: true, force: true });
});

/** A test that leaves a screenshot of the page behind when it fails (test-results/editor/failed-*.png). */
function editorTest(name: string, body: (t: TestContext) => Promise<void>): void {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (error) {
      const file = `failed-${name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 60)}.png`;
      await page?.screenshot({ path: join(results, file) }).catch(() => undefined);
      throw error;
    }
  });
}

editorTest('opening a canary at 60% shows the 50% bound in the Problems panel', async (t) => {
  const started = performance.now();
  await explorerItem(page, fileName).click();
  await activeEditor(page).locator('.squiggly-error').first().waitFor();
  const firstDiagnosticMs = Math.round(performance.now() - started);
  t.diagnostic(`time from opening ${fileName} to its first diagnostic: ${firstDiagnosticMs} ms`);
  await writeFile(join(results, 'timings.json'), `${JSON.stringify({ firstDiagnosticMs }, null, 2)}\n`);

  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: '60%' }).first();
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  assert.match(text, /50%/, `the problem names the bound: ${text}`);
  await page.screenshot({ path: join(results, 'problems.png') });
});

editorTest('hovering bake shows its docs', async () => {
  await activeEditor(page).click();
  await hoverToken(page, 'bake');
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor();
  const text = (await hover.textContent()) ?? '';
  assert.match(text, /WaitIntervalInSeconds/, `hover: ${text}`);
  await page.screenshot({ path: join(results, 'hover.png') });
  await page.mouse.move(0, 0);
});

editorTest('the code lens on strategy shows steps, duration and peak', async () => {
  const lens = activeEditor(page)
    .locator('.codelens-decoration', { hasText: /steps?/ })
    .first();
  await lens.waitFor();
  assert.match((await lens.textContent()) ?? '', /^\d+ steps? · .+ · peak \d+ instances$/);
  await page.screenshot({ path: join(results, 'codelens.png') });
});

editorTest('the status bar gives the verdict and the duration', async () => {
  const item = page.locator('.statusbar-item', { hasText: /1 error/ }).first();
  await item.waitFor();
  assert.match((await item.textContent()) ?? '', /1 error · \d+/);
});

editorTest('Shiftwise: Preview Rollout Schedule opens the timeline view', async () => {
  await runCommand(page, 'Shiftwise: Preview Rollout Schedule');
  const view = activeWebview(page);
  const timeline = view.locator('svg.timeline');
  await timeline.waitFor();
  assert.ok((await view.locator('svg.timeline g.step').count()) >= 2, 'a bar per step');
  assert.match((await view.locator('h1').textContent()) ?? '', /fraud/);
  await page.screenshot({ path: join(results, 'preview.png') });
});

editorTest('the preview follows edits to the file', async () => {
  await explorerItem(page, fileName).click();
  await retype(page, 'bake', '10m', '5m');
  const view = activeWebview(page);
  await view.locator('svg.timeline text.bake-label', { hasText: 'bake 5 min' }).first().waitFor();
  await page.screenshot({ path: join(results, 'preview-after-edit.png') });
});

editorTest('Shiftwise: Copy Plan as Markdown puts the plan on the clipboard', async () => {
  await explorerItem(page, fileName).click();
  await runCommand(page, 'Shiftwise: Copy Plan as Markdown');
  await page.locator('.notification-toast', { hasText: 'copied the plan' }).first().waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /fraud/);
});

editorTest('a rollout file named in capitals is served too: code lens and status bar', async () => {
  await explorerItem(page, capitalName).click();
  const lens = activeEditor(page)
    .locator('.codelens-decoration', { hasText: /steps?/ })
    .first();
  await lens.waitFor();
  assert.match((await lens.textContent()) ?? '', /^2 steps · 20 min · peak 8 instances$/);
  // The other file, edited above, now plans 15 min: 20 min is this file's status.
  const item = page.locator('.statusbar-item', { hasText: / · 20 min$/ }).first();
  await item.waitFor();
  await page.screenshot({ path: join(results, 'capital-name.png') });
});
