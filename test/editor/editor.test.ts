// The packaged extension in a real VS Code (code-server) driven by headless Chromium, as a new user meets it: a
// folder of rollout files (a canary at 60%, a JSON file with a typo, a Vertex AI rollout, a broken file nobody
// opens, one named in capitals) and an unrelated docker-compose.yaml. Run by `pnpm test:editor`
// (scripts/test-editor.sh), which installs code-server and the .vsix first. Screenshots of each step go to
// test-results/editor/, with timings.json (the cold first diagnostic, by phase).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { canaryText, exampleText } from '../../core/test/support/examples.js';
import { type CodeServer, readOutputLog, startCodeServer, updateSettings } from './code-server.js';
import {
  activeEditor,
  activeWebview,
  activeWebviewElement,
  chromiumArgs,
  clippedText,
  explorerItem,
  fitWebviewTo,
  hoverToken,
  openWorkbench,
  retypeLineEnd,
  runCommand,
  timelineRows,
} from './workbench.js';

const results = new URL('../../test-results/editor/', import.meta.url).pathname;
const fileName = 'fraud.rollout.yaml';
/** Served too: rollout file names match in any case (core's isRolloutFile, the extension's selector). */
const capitalName = 'EU.Rollout.YAML';
const jsonName = 'pricing.rollout.json';
const vertexName = 'vertex-rolling.rollout.yaml';
/** Never opened: its problem must be listed anyway (workspace diagnostics). */
const unopenedName = 'checkout.rollout.yaml';
/** The README's canary (examples/), its comments left out so that words like `bake` appear once, at 60%. */
const rollout = canaryText.replace(/^#.*\n/gm, '').replace('size: 25%', 'size: 60%');
/** A JSON rollout with one typo: `timout`. */
const pricing = `${JSON.stringify(
  {
    version: 1,
    provider: 'sagemaker',
    endpoint: 'pricing-prod',
    endpointConfig: 'pricing-v7',
    capacity: 4,
    strategy: { type: 'canary', size: '25%', bake: '10m' },
    terminationWait: '10m',
    timout: '1h',
    rollback: { alarms: ['pricing-5xx'] },
  },
  null,
  2,
)}\n`;

let temp: string;
let dataDir: string;
let server: CodeServer;
let browser: Browser;
let page: Page;
let workbenchOpenedAt = 0;

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'shiftwise-editor-'));
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  await writeFile(join(workspace, fileName), rollout);
  await writeFile(join(workspace, capitalName), rollout.replace('size: 60%', 'size: 25%'));
  await writeFile(join(workspace, jsonName), pricing);
  await writeFile(join(workspace, vertexName), exampleText(vertexName));
  await writeFile(
    join(workspace, unopenedName),
    rollout.replace('size: 60%', 'size: 25%').replace('bake: 10m', 'bake: 2h'),
  );
  await writeFile(
    join(workspace, 'docker-compose.yaml'),
    'services:\n  web:\n    image: nginx\n    timout: 3\n',
  );
  await mkdir(results, { recursive: true });
  dataDir = join(temp, 'user-data');
  server = await startCodeServer(dataDir);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  // Clipboard access lets the test read what "Copy Plan as Markdown" put there.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
  workbenchOpenedAt = Date.now();
  await openWorkbench(page, server.url, workspace, fileName);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  // code-server's last writes into its user data can land while the folder is removed (ENOTEMPTY): retried.
  if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
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

/** The Problems panel's rows, as text, once they have stopped changing for `quietMs`. */
async function problemRows(quietMs = 2500): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  let last = '';
  for (;;) {
    await page.waitForTimeout(quietMs);
    const now = (await rows.allTextContents()).join('\n');
    if (now === last) return now === '' ? [] : now.split('\n');
    last = now;
  }
}

/** Milliseconds since activation of the start-up milestone logged as `what` (`… · +N ms`), if logged. */
function milestone(log: string, what: string): number | undefined {
  const line = log.split('\n').find((l) => l.includes(what));
  const ms = line && /· \+(\d+) ms/.exec(line)?.[1];
  return ms ? Number(ms) : undefined;
}

/** When the extension activated, from its `activated at <ISO time>` line (the channel's own stamps are flush times). */
function activatedAt(log: string): number | undefined {
  const stamp = /activated at (\S+)/.exec(log)?.[1];
  return stamp ? Date.parse(stamp) : undefined;
}

editorTest(
  'opening a canary at 60% shows the 50% bound in the Problems panel (cold, timed by phase)',
  async (t) => {
    const clicked = Date.now();
    await explorerItem(page, fileName).click();
    await activeEditor(page).locator('.squiggly-error').first().waitFor();
    const firstDiagnosticMs = Date.now() - clicked;

    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: '60%' }).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /50%/, `the problem names the bound: ${text}`);
    await page.screenshot({ path: join(results, 'problems.png') });

    // Where the time went: the extension logs its milestones with ms since activation, the server when it sent
    // its first diagnostics for an open document.
    const log = await readOutputLog(dataDir);
    const activation = activatedAt(log);
    const since = (ms: number | undefined) =>
      activation === undefined || ms === undefined ? undefined : activation + ms;
    const phases = {
      workbenchToActivationMs: activation === undefined ? undefined : activation - workbenchOpenedAt,
      clickToActivationMs: activation === undefined ? undefined : activation - clicked,
      activationToServerStartMs: milestone(log, 'starting the language server'),
      serverStartToReadyMs: diff(
        milestone(log, 'language server ready'),
        milestone(log, 'starting the language server'),
      ),
      readyToFirstDiagnosticsMs: diff(
        milestone(log, 'first diagnostics ('),
        milestone(log, 'language server ready'),
      ),
      activationToFirstDiagnosticsMs: milestone(log, 'first diagnostics ('),
      serverFirstOpenDocument:
        /first diagnostics of an open document (\d+) ms after the server started \(analysis (\d+) ms\)/
          .exec(log)
          ?.slice(1)
          .map(Number),
      extensionHostUpAtActivationMs: Number(/extension host up (\d+) ms/.exec(log)?.[1]),
      clickToSquiggleMs: firstDiagnosticMs,
      serverReadyBeforeClick:
        (since(milestone(log, 'language server ready')) ?? Number.POSITIVE_INFINITY) < clicked,
    };
    t.diagnostic(`cold first diagnostic by phase: ${JSON.stringify(phases)}`);
    await writeFile(
      join(results, 'timings.json'),
      `${JSON.stringify({ firstDiagnosticMs, phases }, null, 2)}\n`,
    );
    await writeFile(join(results, 'output-channel.log'), log);
  },
);

function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}

editorTest('a broken file nobody opened is listed in Problems; unrelated YAML stays quiet', async () => {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: unopenedName }).first();
  await row.waitFor();
  const rows = await problemRows();
  assert.ok(
    rows.some((r) => /bake/.test(r) && /3600|1 ?h/.test(r)),
    `the unopened file's problem: ${rows.join('\n')}`,
  );
  assert.ok(!rows.some((r) => r.includes('docker-compose')), rows.join('\n'));
  await page.screenshot({ path: join(results, 'problems-workspace.png') });
});

editorTest('one JSON typo is one problem: no schema warnings from the JSON service', async () => {
  await explorerItem(page, jsonName).click();
  await activeEditor(page).locator('.squiggly-error, .squiggly-warning').first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  const rows = await problemRows();
  const typo = rows.filter((r) => /timout/.test(r));
  assert.equal(typo.length, 1, `problems about the typo:\n${rows.join('\n')}`);
  assert.match(typo[0] ?? '', /unknown key 'timout'; did you mean 'timeout'\?/);
  assert.ok(!rows.some((r) => /not allowed|Value is not accepted|`/.test(r)), rows.join('\n'));
  await page.screenshot({ path: join(results, 'json-typo.png') });
});

editorTest('hovering bake shows its docs', async () => {
  await explorerItem(page, fileName).click();
  await activeEditor(page).click();
  await hoverToken(page, 'bake');
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor();
  const text = (await hover.textContent()) ?? '';
  assert.match(text, /WaitIntervalInSeconds/, `hover: ${text}`);
  await page.screenshot({ path: join(results, 'hover.png') });
  await page.mouse.move(0, 0);
});

editorTest('a file with errors shows no plan: the code lens and status bar say so', async () => {
  const lens = activeEditor(page).locator('.codelens-decoration', { hasText: /plan/ }).first();
  await lens.waitFor();
  assert.equal((await lens.textContent())?.trim(), 'No plan: 1 error; fix it to see the plan');
  const item = page.locator('.statusbar-item', { hasText: /1 error/ }).first();
  await item.waitFor();
  assert.doesNotMatch((await item.textContent()) ?? '', /min|·/);
  await page.screenshot({ path: join(results, 'codelens-no-plan.png') });
});

editorTest(
  'Shiftwise: Preview Rollout Schedule says why there is no plan, then follows the fix',
  async () => {
    await runCommand(page, 'Shiftwise: Preview Rollout Schedule');
    const view = activeWebview(page);
    await view.locator('.no-plan').waitFor();
    assert.equal(await view.locator('.timeline').count(), 0, 'no timeline for a file with errors');
    assert.match((await view.locator('body').textContent()) ?? '', /1 error; fix it to see the plan/);
    await explorerItem(page, fileName).click();
    await retypeLineEnd(page, 'size', '60%', '25%');
    await view.locator('.timeline .bake-label', { hasText: 'bake 10 min' }).first().waitFor();
    assert.ok((await view.locator('.timeline svg.bar.step').count()) >= 2, 'a bar per step');
    assert.match((await view.locator('h1').textContent()) ?? '', /fraud/);
    await page.screenshot({ path: join(results, 'preview.png') });
  },
);

editorTest('the code lens on strategy shows steps, duration and peak once the file is fixed', async () => {
  await explorerItem(page, fileName).click();
  const lens = activeEditor(page)
    .locator('.codelens-decoration', { hasText: /steps?/ })
    .first();
  await lens.waitFor();
  assert.match((await lens.textContent()) ?? '', /^\d+ steps? · .+ · peak \d+ instances$/);
  await page.screenshot({ path: join(results, 'codelens.png') });
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
  const item = page.locator('.statusbar-item', { hasText: / · 20 min$/ }).first();
  await item.waitFor();
  await page.screenshot({ path: join(results, 'capital-name.png') });
});

editorTest(
  'Vertex AI: the code lens and status bar give the waves an estimated time, in replicas',
  async () => {
    await explorerItem(page, vertexName).click();
    const lens = activeEditor(page)
      .locator('.codelens-decoration', { hasText: /waves?/ })
      .first();
    await lens.waitFor();
    assert.match((await lens.textContent()) ?? '', /^4 waves · about 20 min \(estimate\) · peak 5 replicas$/);
    const item = page.locator('.statusbar-item', { hasText: /about \d+ min/ }).first();
    await item.waitFor();
    assert.doesNotMatch((await item.textContent()) ?? '', / 0 s/);
    await page.screenshot({ path: join(results, 'vertex-codelens.png') });
  },
);

editorTest(
  'the Vertex AI preview fits 480 px and a wide panel: no clipped label, the expected layout',
  async () => {
    await runCommand(page, 'Shiftwise: Preview Rollout Schedule');
    // The fixed file's preview is open beside it too: wait for this file's panel (the frame locator re-resolves
    // until the new webview is ready), not whichever timeline shows first.
    const view = activeWebview(page);
    await view.locator('.timeline', { hasText: 'Wave 1 · 25% to new' }).waitFor();

    const narrow = await fitWebviewTo(page, 480);
    await page.waitForTimeout(500);
    assert.deepEqual(await clippedText(view), [], `clipped at ${narrow} px`);
    // Narrow: one column, each wave's label above its bar, what follows below it.
    for (const row of await timelineRows(view)) {
      assert.ok(
        row.label.bottom <= row.bar.top + 1,
        `label above bar at ${narrow} px: ${JSON.stringify(row)}`,
      );
      assert.ok(row.bar.bottom <= row.follows.top + 1, `bar above its wait at ${narrow} px`);
    }
    await activeWebviewElement(page).screenshot({ path: join(results, 'preview-vertex-480.png') });

    const wide = await fitWebviewTo(page, 760);
    await page.waitForTimeout(500);
    assert.deepEqual(await clippedText(view), [], `clipped at ${wide} px`);
    // Wide: a row per wave, label, bar and what follows side by side.
    for (const row of await timelineRows(view)) {
      const middle = (r: { top: number; bottom: number }) => (r.top + r.bottom) / 2;
      assert.ok(
        Math.abs(middle(row.label) - middle(row.bar)) < 12,
        `one row at ${wide} px: ${JSON.stringify(row)}`,
      );
      assert.ok(
        row.label.right <= row.bar.left && row.bar.right <= row.follows.left,
        `side by side at ${wide} px`,
      );
    }
    await activeWebviewElement(page).screenshot({ path: join(results, 'preview-vertex-760.png') });

    const smallest = await fitWebviewTo(page, 320);
    await page.waitForTimeout(500);
    assert.deepEqual(await clippedText(view), [], `clipped at ${smallest} px`);
    await activeWebviewElement(page).screenshot({ path: join(results, 'preview-vertex-320.png') });
  },
);

editorTest('the preview follows the theme: light', async () => {
  const view = activeWebview(page);
  const background = () =>
    view.locator('body').evaluate((b) => getComputedStyle(b.ownerDocument.body).backgroundColor);
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  await fitWebviewTo(page, 760);
  const dark = await background();
  await updateSettings(dataDir, { 'workbench.colorTheme': 'Default Light Modern' });
  // The theme reaches the webview when the workbench has read settings.json and re-themed: poll its background
  // within the page's 60 s timeout (10 s left little room on a loaded machine).
  const deadline = Date.now() + 60_000;
  while (luminance(await background()) < 0.5 && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(
    luminance(await background()) >= 0.5,
    `light background: ${await background()} (dark was ${dark})`,
  );
  assert.deepEqual(await clippedText(view), []);
  await activeWebviewElement(page).screenshot({ path: join(results, 'preview-light.png') });
  await page.screenshot({ path: join(results, 'light-theme.png') });

  await updateSettings(dataDir, { 'workbench.colorTheme': 'Default Dark Modern' });
  await page.setViewportSize({ width: 1400, height: 900 });
});
