import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { escapeXml, type Plan, renderPreviewBody, renderTimelineSvg } from '../../src/index.js';
import { allAtOncePlan, canaryPlan, linearPlan, vertexPlan } from './plans.js';
import { reportOf } from './reports.js';

const noProblems = { errors: 0, warnings: 0 };

test('the timeline has a row per step: what it does, a bar, and what follows', () => {
  const html = renderTimelineSvg(canaryPlan);
  assert.equal(html.match(/<svg class="bar step"/g)?.length, 2);
  assert.match(html, /<span class="step-label" data-step="1">Step 1 · 25% to new<\/span>/);
  assert.match(html, /<span class="step-label" data-step="2">Step 2 · 100% to new<\/span>/);
  assert.match(html, />bake 10 min</);
  assert.match(html, />termination wait 10 min</);
  assert.match(html, /aria-label="Rollout timeline: 2 steps · 20 min · peak 8 instances"/);
  assert.match(html, /<span class="tick">0<\/span><span class="tick">20 min<\/span>/);
});

test('a step without bake still gets a visible segment', () => {
  const html = renderTimelineSvg(allAtOncePlan);
  const width = Number(html.match(/<rect class="new" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/)?.[1]);
  assert.ok(width > 100, `segment width ${width}`);
  assert.match(html, />no bake</);
});

test('the bars hold no text: labels are HTML, so they wrap instead of being clipped', () => {
  for (const plan of [canaryPlan, linearPlan, vertexPlan, allAtOncePlan]) {
    const html = renderTimelineSvg(plan);
    assert.doesNotMatch(html, /<text/);
    for (const svg of html.match(/<svg[^>]*>/g) ?? []) assert.match(svg, /preserveAspectRatio="none"/);
  }
  assert.equal(renderTimelineSvg(linearPlan).match(/<svg class="bar step"/g)?.length, 10);
});

test('Vertex AI: waves in replicas, each with its estimated time, said so', () => {
  const html = renderTimelineSvg(vertexPlan);
  assert.match(html, /aria-label="Rollout timeline: 2 waves · about 10 min \(estimate\) · peak 5 replicas"/);
  assert.match(html, />Wave 1 · 50% to new</);
  assert.match(html, />ready in about 5 min \(estimate\)</);
  assert.doesNotMatch(html, /instances|Step \d|· start/);
  const body = renderPreviewBody({ fileName: 'v.rollout.yaml', plan: vertexPlan, problems: noProblems });
  assert.match(body, /<p class="summary">2 waves · about 10 min \(estimate\) · peak 5 replicas<\/p>/);
  assert.match(body, /capacity 4 replicas/);
  assert.match(body, /<td>Wave 2<\/td><td>about \+5 min<\/td>/);
});

/** The Vertex AI canary example as the planner plans it: bake 15 min, a gate, bake 15 min, bake 10 min. */
const vertexStepsPlan = reportOf(
  'sentiment.rollout.yaml',
  readFileSync(new URL('../../../examples/vertex-steps.rollout.yaml', import.meta.url), 'utf8'),
  undefined,
).plan as Plan;

test('a Vertex AI canary (type: steps) is timed steps with bakes, the waits for their last metrics and a gate, not waves', () => {
  const html = renderTimelineSvg(vertexStepsPlan);
  assert.match(html, /aria-label="Rollout timeline: 4 steps · 40 min \+ a manual gate · peak 4 replicas"/);
  // Its last step's wait for the last metrics runs past the schedule's end: the axis says the bound.
  assert.match(
    html,
    /<span class="tick">0<\/span><span class="tick">40 min \+ a manual gate \+ up to 5 min for the last metrics<\/span>/,
  );
  assert.match(html, />Step 1 · 10% to new</);
  assert.match(
    html,
    /<title>Step 2 at \+15 min: 10% of traffic on 2 new and 2 old replicas; gate: shiftwise promote\.<\/title>/,
  );
  assert.match(html, />gate: shiftwise promote</);
  assert.match(html, />watched bake 15 min \+ up to 5 min for the last metrics</);
  assert.match(
    html,
    /<title>Step 1 at \+0 s: 10% of traffic on 2 new and 2 old replicas; watched bake 15 min \+ up to 5 min for the last metrics\.<\/title>/,
  );
  // A dashed segment after each bake the checks judge (not the gate), a bound: 5 min is a third of 15.
  const waits = [
    ...html.matchAll(/<rect class="provision last-metrics" x="[\d.]+" y="1" width="([\d.]+)"/g),
  ].map((m) => Number(m[1]));
  assert.equal(waits.length, 3);
  assert.doesNotMatch(html, /Wave|estimate/);
  // The bars follow the bakes: 15 min is 1.5 times 10 min, not equal waves.
  const widths = [...html.matchAll(/<rect class="new" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  );
  const [bake15 = 0, gate = 0, , bake10 = 0] = widths;
  assert.ok(bake15 > bake10 * 1.4 && gate < bake10 / 2, `widths ${widths.join(', ')}`);
  assert.ok(Math.abs(waits[0]! - bake15 / 3) < 3, `waits ${waits.join(', ')} beside a bake of ${bake15}`);
  const body = renderPreviewBody({ fileName: 'v.rollout.yaml', plan: vertexStepsPlan, problems: noProblems });
  assert.match(body, /<p class="summary">4 steps · 40 min \+ a manual gate · peak 4 replicas<\/p>/);
  assert.match(body, /<th>Step<\/th><th>Starts<\/th>/);
  assert.match(
    body,
    /<td>Step 2<\/td><td>\+15 min<\/td><td>10%<\/td><td>2 \/ 2<\/td><td>gate: shiftwise promote<\/td>/,
  );
  assert.match(
    body,
    /<td>Step 4<\/td><td>\+30 min<\/td><td>100%<\/td><td>2 \/ 2<\/td><td>watched bake 10 min \+ up to 5 min for the last metrics<\/td>/,
  );
  assert.match(
    body,
    /dashed after a bake: up to 5 min more while its last metrics settle \(the start times leave it out\)/,
  );
  assert.doesNotMatch(body, /Wave|about \+|estimate/);
});

test('without analysis checks no wait for the last metrics is drawn or named', () => {
  for (const plan of [canaryPlan, linearPlan, vertexPlan, allAtOncePlan]) {
    const body = renderPreviewBody({ fileName: 'r.rollout.yaml', plan, problems: noProblems });
    assert.doesNotMatch(body, /last-metrics|last metrics|dashed after/);
  }
});

test('the body is the headline, the facts, the chart and the steps: static markup, no style attribute', () => {
  const body = renderPreviewBody({ fileName: 'fraud.rollout.yaml', plan: canaryPlan, problems: noProblems });
  assert.match(body, /^<h1>fraud-detector<\/h1>\n<p class="verdict ok">No problems\.<\/p>/);
  assert.match(body, /<p class="summary">2 steps · 20 min · peak 8 instances<\/p>/);
  assert.match(
    body,
    /<p class="meta"><span class="fact">sagemaker<\/span> · <span class="fact">canary<\/span> · <span class="fact">capacity 4 instances<\/span> · <span class="fact">timeout 1 h<\/span><\/p>/,
  );
  assert.match(body, /<td>\+10 min<\/td>/);
  assert.doesNotMatch(body, /<script|<style| style="|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});

test('assumptions show their code spans as code, never as backticks', () => {
  const body = renderPreviewBody({
    fileName: 'fraud.rollout.yaml',
    plan: { ...canaryPlan, assumptions: ['Steps bake `bake`; <b> stays text.'] },
    problems: noProblems,
  });
  assert.match(body, /<li>Steps bake <code>bake<\/code>; &lt;b&gt; stays text\.<\/li>/);
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
