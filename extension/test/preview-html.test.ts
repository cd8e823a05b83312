import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPreviewHtml } from '../src/preview-html.js';
import { renderTimelineSvg } from '../src/timeline-svg.js';
import { allAtOncePlan, canaryPlan, linearPlan } from './plans.js';

const nonce = 'bm9uY2Utb2YtdGVzdHM=';
const render = (input: Partial<Parameters<typeof renderPreviewHtml>[0]>) =>
  renderPreviewHtml({ fileName: 'fraud.rollout.yaml', errors: 0, warnings: 0, nonce, ...input });

test('the timeline has one bar per step with its traffic share and bake', () => {
  const svg = renderTimelineSvg(canaryPlan);
  assert.equal(svg.match(/<g class="step"/g)?.length, 2);
  assert.match(svg, />25%</);
  assert.match(svg, />100%</);
  assert.match(svg, />bake 10 min</);
  assert.match(svg, />termination wait 10 min</);
  assert.match(svg, /aria-label="Rollout timeline: 2 steps over 20 min"/);
});

test('a step without bake still gets a visible bar', () => {
  const svg = renderTimelineSvg(allAtOncePlan);
  const width = Number(svg.match(/<rect class="new" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/)?.[1]);
  assert.ok(width > 100, `bar width ${width}`);
  assert.match(svg, />no bake</);
});

test('narrow bars get short labels', () => {
  const svg = renderTimelineSvg(linearPlan);
  assert.equal(svg.match(/<g class="step"/g)?.length, 10);
  assert.doesNotMatch(svg, />Step 10 ·/);
  assert.match(svg, /<text class="bake-label"[^>]*>5 min</);
});

test('the page loads nothing and admits only its own style block', () => {
  const html = render({ plan: canaryPlan });
  assert.match(html, new RegExp(`content="default-src 'none'; style-src 'nonce-${nonce}';"`));
  assert.match(html, new RegExp(`<style nonce="${nonce}">`));
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  assert.doesNotMatch(html, / style="/);
});

test('theme colours come from VS Code variables', () => {
  const html = render({ plan: canaryPlan });
  assert.match(html, /fill: var\(--vscode-charts-green\)/);
  assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b/i);
});

test('user text is escaped', () => {
  const html = render({ plan: allAtOncePlan });
  assert.match(html, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(html, /example size/);
});

test('without a plan the page says why', () => {
  const html = render({ errors: 2, markdown: 'Fix `strategy.size` <first>.' });
  assert.match(html, /No schedule yet/);
  assert.match(html, /Fix `strategy.size` &lt;first&gt;\./);
  assert.match(html, /2 errors, 0 warnings/);
});
