import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  blastRadius,
  diffPlans,
  escapeMarkdown,
  extraInstanceMinutes,
  fenceFor,
  inertJson,
  type Plan,
  plan,
  planSummary,
  planToJson,
  renderPlanDiffMarkdown,
  renderPlanMarkdown,
  renderPlanText,
  validateRollout,
} from '../../src/index.js';

const example = (name: string): Plan => {
  const text = readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
  return plan(validateRollout(text).value!);
};
const canary = (edit: (t: string) => string = (t) => t): Plan => {
  const text = readFileSync(
    new URL('../../../examples/sagemaker-canary.rollout.yaml', import.meta.url),
    'utf8',
  );
  const { value } = validateRollout(edit(text));
  assert.ok(value);
  return plan(value);
};

test('markdown has the step table, the gantt, totals, blast radius, instance-minutes and the request', () => {
  const md = renderPlanMarkdown(example('sagemaker-linear.rollout.yaml'));
  assert.match(md, /^### recommender · sagemaker linear$/m);
  assert.match(md, /\| 5 \| 20 min \| 100% \| 5 \/ 0 \| 5 min \(TerminationWaitInSeconds\) \|/);
  assert.match(md, /```mermaid\ngantt\n/);
  assert.match(
    md,
    /\*\*5 steps\*\* · \*\*25 min\*\* after provisioning \(timeout 1 h\) · peak \*\*10 instances\*\*/,
  );
  assert.match(md, /\*\*Blast radius:\*\* 20% of traffic on the new model for 5 min/);
  assert.match(md, /\*\*Extra instance-minutes:\*\* 125\./);
  assert.match(md, /"LinearStepSize"/);
});

test('text names the capacity as an example when the file has none', () => {
  const text = renderPlanText(canary((t) => t.replace(/^capacity: 4\n/m, '')));
  assert.match(text, /10 instances \(example: capacity unknown\)/);
  assert.match(text, /Capacity unknown: planned for an example fleet of 10 instances/);
});

test('plan JSON has the keys of docs/plan.md in order', () => {
  const json = planToJson(example('sagemaker-linear.rollout.yaml'));
  assert.deepEqual(Object.keys(json), [
    'name',
    'provider',
    'strategy',
    'capacity',
    'capacityKnown',
    'steps',
    'totalSeconds',
    'timeoutSeconds',
    'peakInstances',
    'request',
    'assumptions',
  ]);
  assert.deepEqual((json.steps as unknown[])[0], {
    index: 1,
    startsAt: 0,
    trafficPercent: 20,
    greenActive: 1,
    blueActive: 4,
    bakeSeconds: 300,
    bake: 'wait-interval',
  });
});

const hostile = '</details><img src=x onerror=alert(1)> @octocat';

test('hostile text from the file is inert in markdown: no HTML, no mention, no broken fence', () => {
  const p = canary((t) =>
    t.replace('name: fraud-detector', `name: "${hostile} \`\`\`"`).replace('fraud-5xx', `"${hostile}"`),
  );
  const md = renderPlanMarkdown(p);
  assert.ok(!md.includes('</details><img'), md);
  assert.ok(!md.includes('<img'), md);
  assert.ok(!/@octocat/.test(md), 'no live mention');
  assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
  const diff = renderPlanDiffMarkdown(diffPlans(canary(), p));
  assert.ok(!diff.includes('<img') && !/@octocat/.test(diff), diff);
});

const escapes: [string, string, string][] = [
  ['html', '<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
  ['mention', 'hi @team', 'hi @\u200bteam'],
  ['pipe', 'a|b', 'a\\|b'],
  ['newline', 'a\nb', 'a b'],
  ['emphasis', '*a* _b_', '\\*a\\* \\_b\\_'],
  ['backticks', '```', '\\`\\`\\`'],
  ['issue reference', 'see #12 and o/r#3', 'see \\#\u200b12 and o/r\\#\u200b3'],
  ['terminal escape', 'a\x1b[2Jb\x07', 'a\\u{1b}\\[2Jb\\u{7}'],
  ['bidi override', 'a\u202Eb\u2066', 'a\\u{202e}b\\u{2066}'],
];
for (const [name, input, output] of escapes)
  test(`escapeMarkdown: ${name}`, () => assert.equal(escapeMarkdown(input), output));

test('the text plan shows control characters in the name instead of sending them to the terminal', () => {
  const text = renderPlanText(
    canary((t) => t.replace('name: fraud-detector', 'name: "a\\e]0;owned\\ab\\e[2J"')),
  );
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text), JSON.stringify(text));
  assert.match(text, /^a\\u\{1b\}\]0;owned\\u\{7\}b\\u\{1b\}\[2J · sagemaker canary/);
});

test('inertJson: markup and bidi overrides as \\u escapes, the same JSON', () => {
  const value = { AlarmName: '</details>@o\u202Eb' };
  const json = inertJson(value);
  assert.equal(json, '{\n  "AlarmName": "\\u003c/details\\u003e\\u0040o\\u202eb"\n}');
  assert.deepEqual(JSON.parse(json), value);
});

test('fenceFor outlasts every backtick run inside', () => {
  assert.equal(fenceFor('plain'), '```');
  assert.equal(fenceFor('a ```` b'), '`````');
});

const diffs: { name: string; edit: (t: string) => string; words: string }[] = [
  {
    name: 'canary size and total',
    edit: (t) => t.replace('size: 25%', 'size: 50%').replace('bake: 10m', 'bake: 20m'),
    words: '**Changes:** canary 25% → 50%; bake 10 min → 20 min; total 20 min → 30 min.',
  },
  { name: 'nothing', edit: (t) => t, words: '**No change** to the plan compared with the base branch.' },
  {
    name: 'a new endpoint config (the usual pull request)',
    edit: (t) => t.replace('endpointConfig: fraud-detector-v42', 'endpointConfig: fraud-detector-v43'),
    words: '**Changes:** endpoint config fraud-detector-v42 → fraud-detector-v43.',
  },
  {
    name: 'a model instead of a config',
    edit: (t) => t.replace('endpointConfig: fraud-detector-v42', 'model: fraud-model-v43'),
    words: '**Changes:** endpoint config fraud-detector-v42 → fraud-detector-prod--fraud-model-v43.',
  },
  {
    name: 'an alarm removed',
    edit: (t) => t.replace(/\n\s*- fraud-latency-p99/, '').replace(', fraud-latency-p99', ''),
    words: '**Changes:** alarm fraud-latency-p99 removed.',
  },
];
for (const row of diffs)
  test(`diff: ${row.name}`, () =>
    assert.equal(renderPlanDiffMarkdown(diffPlans(canary(), canary(row.edit))), row.words));

test('diff: the rollback batch of a rolling update', () => {
  const text = readFileSync(
    new URL('../../../examples/sagemaker-rolling.rollout.yaml', import.meta.url),
    'utf8',
  );
  const rolling = (t: string) => plan(validateRollout(t).value!);
  const lines = text.split('\n');
  const at = lines.findLastIndex((l) => /^\s+batch: 50%/.test(l));
  lines[at] = lines[at]!.replace('50%', '25%');
  assert.equal(
    renderPlanDiffMarkdown(diffPlans(rolling(text), rolling(lines.join('\n')))),
    '**Changes:** rollback batch 50% → 25%.',
  );
});

// A Vertex AI rolling deployment changes in its own words: rolloutOptions (not a SageMaker batch), waves, and the
// waves' estimated time as the headline gives it (its totalSeconds stay 0).
const vertexDiffs: { name: string; edit: (t: string) => string; words: string }[] = [
  {
    name: 'maxSurge',
    edit: (t) => t.replace('maxSurge: 1', 'maxSurge: 2'),
    words:
      '**Changes:** rolloutOptions surge 1, unavailable 0 → surge 2, unavailable 0; waves 4 → 2; ' +
      'total about 20 min \\(estimate\\) → about 10 min \\(estimate\\); peak 5 replicas → 6 replicas.',
  },
  {
    name: 'capacity',
    edit: (t) => t.replace('capacity: 4', 'capacity: 2'),
    words:
      '**Changes:** capacity 4 replicas → 2 replicas; waves 4 → 2; ' +
      'total about 20 min \\(estimate\\) → about 10 min \\(estimate\\); peak 5 replicas → 3 replicas.',
  },
];
for (const row of vertexDiffs)
  test(`diff: Vertex AI ${row.name}`, () => {
    const vertex = example('vertex-rolling.rollout.yaml');
    const text = readFileSync(
      new URL('../../../examples/vertex-rolling.rollout.yaml', import.meta.url),
      'utf8',
    );
    const edited = plan(validateRollout(row.edit(text)).value!);
    assert.equal(renderPlanDiffMarkdown(diffPlans(vertex, edited)), row.words);
  });

// Vertex AI waves have no planned time (startsAt 0 in the JSON); every table gives their estimate, as the headline
// and the preview do, instead of four waves all starting at 0 s with no wait.
const waveRows: [string, (p: Plan) => string, string[]][] = [
  [
    'text',
    renderPlanText,
    [
      '     1  0 s               25%      1/3  ready in about 5 min (estimate)',
      '     2  about 5 min       50%      2/2  ready in about 5 min (estimate)',
      '     4  about 15 min     100%      4/0  ready in about 5 min (estimate)',
    ],
  ],
  [
    'markdown',
    renderPlanMarkdown,
    [
      '| 1 | 0 s | 25% | 1 / 3 | ready in about 5 min (estimate) |',
      '| 2 | about 5 min | 50% | 2 / 2 | ready in about 5 min (estimate) |',
      '| 4 | about 15 min | 100% | 4 / 0 | ready in about 5 min (estimate) |',
    ],
  ],
];
for (const [face, render, lines] of waveRows)
  test(`Vertex AI waves in the ${face} table start by the estimate`, () => {
    const shown = render(example('vertex-rolling.rollout.yaml')).split('\n');
    for (const line of lines) assert.ok(shown.includes(line), `${line}\nin\n${shown.join('\n')}`);
  });

test('a new file says so', () => {
  assert.match(renderPlanDiffMarkdown(diffPlans(undefined, canary())), /New rollout file/);
});

const radii: { name: string; plan: () => Plan; radius: { trafficPercent: number; seconds: number } }[] = [
  { name: 'canary 25%, 10-minute bake', plan: () => canary(), radius: { trafficPercent: 25, seconds: 600 } },
  {
    name: 'canary without a bake: the termination wait is the first watch, on all traffic',
    plan: () => canary((t) => t.replace('bake: 10m', 'bake: 0')),
    radius: { trafficPercent: 100, seconds: 600 },
  },
  {
    name: 'Vertex AI waves never bake',
    plan: () => example('vertex-rolling.rollout.yaml'),
    radius: { trafficPercent: 100, seconds: 0 },
  },
];
for (const row of radii)
  test(`blast radius: ${row.name}`, () => assert.deepEqual(blastRadius(row.plan()), row.radius));

test('a plan without bakes says nothing holds it for an alarm', () => {
  const vertex = example('vertex-rolling.rollout.yaml');
  assert.match(renderPlanMarkdown(vertex), /\*\*Blast radius:\*\* no wave bakes: the new model takes 100%/);
  assert.match(renderPlanText(vertex), /blast radius: no wave bakes/);
});

test('extra instance-minutes: blue/green keeps the old fleet, rolling only the batch', () => {
  assert.equal(extraInstanceMinutes(example('sagemaker-linear.rollout.yaml')), 125);
  const rolling = example('sagemaker-rolling.rollout.yaml');
  const perBatch = rolling.steps.map(
    (s, i) => (s.greenActive - (rolling.steps[i - 1]?.greenActive ?? 0)) * s.bakeSeconds,
  );
  assert.equal(extraInstanceMinutes(rolling), Math.round(perBatch.reduce((a, b) => a + b, 0) / 60));
});

test('blast radius: a leading timed pause exposes nothing, and a manual gate holds the traffic that moved', () => {
  const steps = (list: string) =>
    `version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy:\n  type: steps\n  steps:\n${list}timeout: 1h\nrollback:\n  alarms: [a]\n`;
  const planOf = (text: string) => {
    const { value, diagnostics } = validateRollout(text);
    assert.ok(value, JSON.stringify(diagnostics));
    return plan(value);
  };
  const paused = planOf(
    steps('    - pause: 10m\n    - traffic: 25%\n      bake: 10m\n    - traffic: 100%\n      bake: 10m\n'),
  );
  assert.match(renderPlanText(paused), /blast radius: 25% of traffic on the new model for 10 min before/);
  const gated = planOf(steps('    - traffic: 5%\n    - pause: manual\n    - traffic: 100%\n'));
  assert.match(
    renderPlanText(gated),
    /blast radius: 5% of traffic on the new model until a manual gate is promoted/,
  );
});

test('retain: the blast radius and extra instance-minutes are unknown, as the stored config decides them', () => {
  const retain = example('sagemaker-retain.rollout.yaml');
  const text = renderPlanText(retain);
  assert.match(text, /blast radius: unknown: the deployment config stored on the endpoint decides/);
  assert.match(
    text,
    /extra instance-minutes: unknown \(the deployment config stored on the endpoint decides\)/,
  );
  assert.match(renderPlanMarkdown(retain), /\*\*Blast radius:\*\* unknown: /);
});

test('retain: the headline says the stored config decides the steps, time and peak, not the one shift drawn', () => {
  const retain = example('sagemaker-retain.rollout.yaml');
  assert.equal(planSummary(retain), 'steps of the stored config · time unknown · peak unknown');
  assert.match(renderPlanText(retain), /\n {2}time unknown · peak unknown\n/);
  assert.match(renderPlanMarkdown(retain), /\*\*time unknown\*\* · peak \*\*unknown\*\*/);
  assert.doesNotMatch(renderPlanText(retain) + renderPlanMarkdown(retain), /0 s after provisioning|peak 20/);
  const canary = example('sagemaker-canary.rollout.yaml');
  const changes = diffPlans(retain, canary).changes;
  assert.deepEqual(
    changes.filter((c) => ['total', 'peak', 'steps'].includes(c.what)).map((c) => [c.what, c.before]),
    [
      ['steps', 'unknown'],
      ['total', 'time unknown'],
      ['peak', 'unknown'],
    ],
  );
});

test('a canary nothing watches (no alarm, no analysis check that can roll back) plans unwatched bakes and says so', () => {
  const text = readFileSync(
    new URL('../../testdata/rules/no-alarms-vertex-steps.rollout.yaml', import.meta.url),
    'utf8',
  );
  const { value } = validateRollout(text);
  assert.ok(value);
  const unwatched = plan(value);
  assert.deepEqual(
    unwatched.steps.map((s) => s.bake),
    ['unwatched', 'gate', 'unwatched', 'unwatched'],
  );
  assert.match(renderPlanText(unwatched), /15 min bake \(unwatched\)/);
  assert.match(renderPlanMarkdown(unwatched), /bake, watched by nothing/);
  assert.ok(unwatched.assumptions.some((a) => /No analysis check can roll back/.test(a)));
  const watched = example('vertex-steps.rollout.yaml');
  assert.deepEqual(
    watched.steps.map((s) => s.bake),
    ['watch', 'gate', 'watch', 'watch'],
  );
});
