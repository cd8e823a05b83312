import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noAnswerBody, previewPage } from '../src/preview-html.js';

// The page around the server's preview content (core's renderPreviewBody, tested in core/test/render).

const nonce = 'bm9uY2Utb2YtdGVzdHM=';
const body = '<h1>fraud-detector</h1>\n<div class="timeline"></div>';

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
  for (const name of [
    'new',
    'old',
    'provision',
    'track',
    'tick',
    'step-label',
    'bake-label',
    'verdict',
    'timeline',
  ])
    assert.ok(html.includes(`.${name}`), `the stylesheet styles .${name}`);
  assert.match(html, /fill: var\(--vscode-charts-green\)/);
  assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b/i);
});

test('the timeline wraps into one column in a narrow panel instead of overflowing it', () => {
  const html = previewPage({ body, nonce });
  assert.match(
    html,
    /@media \(max-width: 640px\) \{[^}]*\}\s*\.timeline \{ grid-template-columns: minmax\(0, 1fr\)/,
  );
  assert.doesNotMatch(html, /min-width: \d{3,}px/);
});
