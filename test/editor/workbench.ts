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

/**
 * The document inside the webview panel whose tab is active (VS Code nests it in two iframes): the last visible
 * one, since a panel that another replaces can stay in the page, hidden, for a moment.
 */
export function activeWebview(page: Page): FrameLocator {
  return page
    .locator('iframe.webview.ready:visible')
    .last()
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}

/** The webview panel of the active tab, as an element of the workbench page (for its size and screenshots). */
export function activeWebviewElement(page: Page): Locator {
  return page.locator('iframe.webview.ready:visible').last();
}

/**
 * Resizes the browser window until the active webview is `width` CSS pixels wide (±4), assuming it shares the
 * editor area with one other group, so each pixel of window width gives it half a pixel.
 */
export async function fitWebviewTo(page: Page, width: number): Promise<number> {
  let current = 0;
  for (let i = 0; i < 6; i++) {
    current = Math.round((await activeWebviewElement(page).boundingBox())?.width ?? 0);
    if (Math.abs(current - width) <= 4) return current;
    const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
    await page.setViewportSize({
      width: Math.max(700, viewport.width + 2 * (width - current)),
      height: viewport.height,
    });
    await page.waitForTimeout(400);
  }
  return current;
}

/**
 * Every piece of text of the preview that does not fit: a text box (HTML or SVG) reaching outside the view's
 * width, an element whose text overflows its own box, or a page that scrolls sideways. Empty when nothing is
 * clipped.
 */
export async function clippedText(view: FrameLocator): Promise<string[]> {
  return view.locator('body').evaluate((body) => {
    const root = body.ownerDocument.documentElement;
    const width = root.clientWidth;
    const problems: string[] = [];
    if (root.scrollWidth > width + 1)
      problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${width}`);
    const texts = body.querySelectorAll('h1, p, .chart span, .chart text, svg text, th, td, li');
    for (const el of Array.from(texts)) {
      const text = el.textContent?.trim() ?? '';
      if (text === '' || (el.children.length > 0 && !(el instanceof SVGElement))) continue;
      const box = el.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5)
        problems.push(`"${text}" spans ${box.left.toFixed(0)}–${box.right.toFixed(0)} of ${width}`);
      if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        problems.push(`"${text}" overflows its box: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return problems;
  });
}

/** The boxes of each step's label, bar and what follows, in the preview's timeline. */
export async function timelineRows(
  view: FrameLocator,
): Promise<{ label: DOMRectReadOnly; bar: DOMRectReadOnly; follows: DOMRectReadOnly }[]> {
  return view.locator('.timeline').evaluate((timeline) =>
    Array.from(timeline.querySelectorAll('.step-label[data-step]')).map((label) => {
      // No named helper here: the function runs in the page as written, without the bundler's helpers.
      const bar = label.nextElementSibling as Element;
      const follows = bar.nextElementSibling as Element;
      return {
        label: label.getBoundingClientRect().toJSON() as DOMRectReadOnly,
        bar: bar.getBoundingClientRect().toJSON() as DOMRectReadOnly,
        follows: follows.getBoundingClientRect().toJSON() as DOMRectReadOnly,
      };
    }),
  );
}

/** Opens the Output panel on the channel named `name`. */
export async function showOutputChannel(page: Page, name: string): Promise<Locator> {
  await runCommand(page, 'Output: Show Output Channels...');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  return page.locator('.panel .monaco-editor .view-lines').first();
}

/** Replaces `from` at the end of the editor line that starts with `key:` by typing `to` there. */
export async function retypeLineEnd(page: Page, key: string, from: string, to: string): Promise<void> {
  const line = activeEditor(page)
    .locator('.view-line', {
      hasText: new RegExp(`^\\s*${key}:.*${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
    })
    .first();
  await line.click();
  await page.keyboard.press('End');
  for (let i = 0; i < from.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(to);
}
