import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXml, renderPreviewBody, renderTimelineSvg } from '../../src/index.js';
import { allAtOncePlan, canaryPlan, linearPlan, vertexPlan } from './plans.js';

const noProblems = { errors: 0, warnings: 0 };

test('the timeline has one bar per step with its traffic share and bake', () => {
  const svg = renderTimelineSvg(canaryPlan);
  assert.equal(svg.match(/<g class="step"/g)?.length, 2);
  assert.match(svg, />25%</);
  assert.match(svg, />100%</);
  assert.match(svg, />bake 10 min</);
  assert.match(svg, />termination wait 10 min</);
  assert.match(svg, /aria-label="Rollout timeline: 2 steps · 20 min · peak 8 instances"/);
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

test('Vertex AI: replicas, and no time the plan does not have', () => {
  const svg = renderTimelineSvg(vertexPlan);
  assert.match(svg, /aria-label="Rollout timeline: 2 steps · paced by readiness · peak 5 replicas"/);
  assert.match(svg, /old replicas; no bake\./);
  assert.doesNotMatch(svg, /instances/);
  const body = renderPreviewBody({ fileName: 'v.rollout.yaml', plan: vertexPlan, problems: noProblems });
  assert.match(body, /<p class="summary">2 steps · paced by readiness · peak 5 replicas<\/p>/);
  assert.match(body, /capacity 4 replicas/);
});

test('the body is the headline, the facts, the chart and the steps: static markup, no style attribute', () => {
  const body = renderPreviewBody({ fileName: 'fraud.rollout.yaml', plan: canaryPlan, problems: noProblems });
  assert.match(body, /^<h1>fraud-detector<\/h1>\n<p class="verdict ok">No problems\.<\/p>/);
  assert.match(body, /<p class="summary">2 steps · 20 min · peak 8 instances<\/p>/);
  assert.match(body, /<p class="meta">sagemaker · canary · capacity 4 instances · timeout 1 h<\/p>/);
  assert.match(body, /<td>\+10 min<\/td>/);
  assert.doesNotMatch(body, /<script|<style| style="|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});

test('user text is escaped', () => {
  const body = renderPreviewBody({ fileName: 'x.rollout.yaml', plan: allAtOncePlan, problems: noProblems });
  assert.match(body, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(body, /example size/);
});

test('without a plan the body says why', () => {
  const body = renderPreviewBody({
    fileName: 'fraud.rollout.yaml',
    explanation: 'Fix `strategy.size` <first>.',
    problems: { errors: 2, warnings: 0 },
  });
  assert.match(body, /<h1>fraud\.rollout\.yaml<\/h1>/);
  assert.match(body, /No schedule yet/);
  assert.match(body, /Fix `strategy.size` &lt;first&gt;\./);
  assert.match(body, /class="verdict has-errors">2 errors, 0 warnings — see the Problems panel\./);
});

test('escapeXml escapes markup and quotes, and keeps line breaks', () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>\n`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\n');
});
