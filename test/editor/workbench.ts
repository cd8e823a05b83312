import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Flags for Debian's Chromium on a build machine: no sandbox as root, no GPU, no network chatter. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens `folder` in the workbench and waits until the explorer lists `firstFile`. */
export async function openWorkbench(
  page: Page,
  url: string,
  folder: string,
  firstFile: string,
): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await explorerItem(page, firstFile).waitFor();
}

export function explorerItem(page: Page, name: string): Locator {
  return page.getByRole('treeitem', { name, exact: true });
}

/** The text editor of the active group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Runs a command by its palette title, e.g. `Shiftwise: Preview Rollout Schedule`. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Moves the mouse over the first token of the active editor whose text is exactly `token`. */
export async function hoverToken(page: Page, token: string): Promise<void> {
  const span = activeEditor(page)
    .locator('.view-line span span', { hasText: new RegExp(`^${token}$`) })
    .first();
  const box = await span.boundingBox();
  if (!box) throw new Error(`token ${token} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/** Replaces the value token `from` on the editor line that starts with `key:` by typing `to` over it. */
export async function retype(page: Page, key: string, from: string, to: string): Promise<void> {
  const line = activeEditor(page)
    .locator('.view-line', { hasText: new RegExp(`^\\s*${key}:`) })
    .first();
  await line
    .locator('span span', { hasText: new RegExp(`^${from}$`) })
    .first()
    .dblclick();
  await page.keyboard.type(to);
}

/** The document inside the webview panel whose tab is active (VS Code nests it in two iframes). */
export function activeWebview(page: Page): FrameLocator {
  return page
    .locator('iframe.webview.ready')
    .last()
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}
