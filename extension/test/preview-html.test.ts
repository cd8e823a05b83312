import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noAnswerBody, previewPage } from '../src/preview-html.js';

// The page around the server's preview content (core's renderPreviewBody, tested in core/test/render).

const nonce = 'bm9uY2Utb2YtdGVzdHM=';
const body = '<h1>fraud-detector</h1>\n<svg class="timeline"></svg>';

test('the page loads nothing and admits only its own style block', () => {
  const html = previewPage({ body, nonce });
  assert.match(html, new RegExp(`content="default-src 'none'; style-src 'nonce-${nonce}';"`));
  assert.match(html, new RegExp(`<style nonce="${nonce}">`));
  assert.doesNotMatch(html, /<script|https?:\/\//);
  assert.doesNotMatch(html, / style="/);
});

test('the body is placed as the server rendered it', () => {
  assert.ok(previewPage({ body, nonce }).includes(`<body>\n${body}\n</body>`));
  assert.match(previewPage({ body: noAnswerBody, nonce }), /has not answered/);
});

test('theme colours come from VS Code variables, for the classes core draws with', () => {
  const html = previewPage({ body, nonce });
  for (const name of ['new', 'old', 'provision', 'grid', 'tick', 'traffic', 'bake-label', 'verdict'])
    assert.ok(html.includes(`.${name}`), `the stylesheet styles .${name}`);
  assert.match(html, /fill: var\(--vscode-charts-green\)/);
  assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b/i);
});
