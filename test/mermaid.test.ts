import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Plan, plan, type Rollout, renderPlanMarkdown, validateRollout } from '@shiftwise/core';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { pacedByWaves } from '../core/src/plan/summary.js';
import { vertexEstimateSeconds } from '../core/src/plan/vertex-schedule.js';
import { validRolloutText } from '../core/test/plan/arbitrary.js';
import { canaryText, exampleNames, exampleText } from '../core/test/support/examples.js';

// Every mermaid chart the markdown renderer writes must parse with mermaid's own parser: GitHub shows an error box
// in place of an invalid chart. Mermaid's sanitiser wants a DOM, which happy-dom provides.

type GanttTask = { task: string; startTime: Date; endTime: Date };
type Mermaid = {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: { getTasks(): GanttTask[] } }> };
};
let mermaid: Mermaid;
let window: Window;

before(async () => {
  window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  mermaid = ((await import('mermaid')) as unknown as { default: Mermaid }).default;
});
after(() => window.happyDOM.close());

function charts(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

async function assertParses(markdown: string, context: string): Promise<void> {
  const found = charts(markdown);
  assert.equal(found.length, 1, `one chart in the plan of ${context}`);
  await mermaid
    .parse(found[0]!)
    .catch((error: Error) => assert.fail(`${context}: ${error.message}\n${found[0]}`));
}

test('the parser rejects a broken chart (so passing means something)', async () => {
  await assert.rejects(mermaid.parse('gantt\n  dateFormat X\n  section s\n  a task without data\n'));
});

function exampleRollouts(): Rollout[] {
  return exampleNames.map((name) => {
    const { value } = validateRollout(exampleText(name), { fileName: name });
    assert.ok(value, name);
    return { ...value, file: name };
  });
}

test('the chart of every example parses', async () => {
  for (const value of exampleRollouts()) await assertParses(renderPlanMarkdown(plan(value)), value.file!);
});

test('charts of 300 random valid rollouts parse', async () => {
  await fc.assert(
    fc.asyncProperty(validRolloutText, async (text) => {
      await assertParses(renderPlanMarkdown(plan(validateRollout(text).value!)), text);
    }),
    { numRuns: 300 },
  );
});

/**
 * Where mermaid itself puts each bar, read back from its gantt model in a viewer's time zone: step n starts
 * `startsAt` after 00:00 on the axis and lasts its bake. (With `dateFormat X`, New York read 19:00 and every step
 * started at 0.)
 */
async function assertTimeline(p: Plan, zone: string): Promise<void> {
  const chart = charts(renderPlanMarkdown(p))[0]!;
  await mermaid.parse(chart); // also loads the gantt diagram, which getDiagramFromText expects loaded
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(chart);
  const all = diagram.db.getTasks();
  // A bake that analysis checks judge is followed by a bar for the wait for its last metrics (a bound, drawn from
  // the bake's end); the steps' own bars are the rest.
  const isWait = (t: GanttTask) => t.task.trim().endsWith(' for the last metrics');
  const tasks = all.filter((t) => !isWait(t));
  assert.equal(tasks.length, p.steps.length, `${zone}: one bar per step`);
  const origin = tasks[0]!.startTime;
  assert.deepEqual(
    all.filter(isWait).map((t) => ({
      endsBake: (t.startTime.getTime() - origin.getTime()) / 1000,
      seconds: (t.endTime.getTime() - t.startTime.getTime()) / 1000,
    })),
    p.steps
      .filter((s) => s.lastMetricsSeconds)
      .map((s) => ({ endsBake: s.startsAt + s.bakeSeconds, seconds: s.lastMetricsSeconds })),
    `${zone}: a wait for the last metrics after each bake the checks judge, as long as the plan's bound`,
  );
  assert.deepEqual(
    [origin.getHours(), origin.getMinutes(), origin.getSeconds()],
    [0, 0, 0],
    `${zone}: the axis starts at 00:00`,
  );
  const seen = tasks.map((t) => ({
    startsAt: (t.startTime.getTime() - origin.getTime()) / 1000,
    bakeSeconds: (t.endTime.getTime() - t.startTime.getTime()) / 1000,
  }));
  // Vertex AI waves have no planned time: each bar is the wave's estimate, one after another.
  const estimate = vertexEstimateSeconds(1);
  const planned = p.steps.map((s) =>
    pacedByWaves(p)
      ? { startsAt: (s.index - 1) * estimate, bakeSeconds: estimate }
      : { startsAt: s.startsAt, bakeSeconds: s.bakeSeconds },
  );
  assert.deepEqual(seen, planned, `${zone}: bars where the plan puts the steps\n${chart}`);
}

test('mermaid draws each step where the plan puts it, in any time zone', async () => {
  const zone = process.env.TZ;
  try {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
      process.env.TZ = tz;
      for (const value of exampleRollouts()) await assertTimeline(plan(value), tz);
      await fc.assert(
        fc.asyncProperty(validRolloutText, async (text) => {
          await assertTimeline(plan(validateRollout(text).value!), tz);
        }),
        { numRuns: 25 },
      );
    }
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('a hostile name cannot break the chart', async () => {
  for (const name of [
    'a: b; c # d',
    '%%{init: {"theme": "dark"}}%%',
    'x\\nsection evil',
    '</details> @octocat',
    '',
  ]) {
    const text = canaryText.replace('name: fraud-detector', `name: ${JSON.stringify(name)}`);
    const { value } = validateRollout(text);
    assert.ok(value, name);
    await assertParses(renderPlanMarkdown(plan(value)), JSON.stringify(name));
  }
});

test('mermaid reads each bar as labelled: traffic, the new fleet members serving, the bake, the wait for the last metrics', async () => {
  const rows: [string, string[]][] = [
    [
      'sagemaker-inference-component.rollout.yaml',
      [
        'Batch 1 · 25% · 2 new copies · bake 5 min',
        'Batch 2 · 50% · 4 new copies · bake 5 min',
        'Batch 3 · 75% · 6 new copies · bake 5 min',
        'Batch 4 · 100% · 8 new copies · bake 5 min',
      ],
    ],
    [
      'sagemaker-canary.rollout.yaml',
      [
        'Step 1 · 25% · 1 new instance · bake 10 min',
        'Step 2 · 100% · 4 new instances · termination wait 10 min',
      ],
    ],
    [
      'sagemaker-steps.rollout.yaml',
      [
        'Step 1 · 5% · 1 new instance · bake 10 min',
        'Step 1 · up to 7 min for the last metrics',
        'Step 2 · 25% · 1 new instance · bake 30 min',
        'Step 2 · up to 7 min for the last metrics',
        'Step 3 · 25% stays · gate, waits for promote',
        'Step 4 · 50% · 2 new instances · bake 30 min',
        'Step 4 · up to 7 min for the last metrics',
        'Step 5 · 100% · 4 new instances · bake 10 min',
        'Step 5 · up to 7 min for the last metrics',
      ],
    ],
    [
      'vertex-rolling.rollout.yaml',
      [1, 2, 3, 4].map(
        (n) => `Wave ${n} · ${25 * n}% · ${n} new replica${n > 1 ? 's' : ''} · about 5 min (estimate)`,
      ),
    ],
  ];
  for (const [name, labels] of rows) {
    const { value } = validateRollout(exampleText(name), { fileName: name });
    assert.ok(value, name);
    const chart = charts(renderPlanMarkdown(plan(value)))[0]!;
    await mermaid.parse(chart);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(chart);
    assert.deepEqual(
      diagram.db.getTasks().map((t) => t.task.trim()),
      labels,
      name,
    );
  }
});

/** A Vertex AI rolling deployment of `capacity` replicas (maxSurge, maxUnavailable): one wave per replica at most. */
function vertexRolling(capacity: number, surge: number, unavailable: number): Plan {
  const text =
    'version: 1\nname: big\nprovider: vertex-ai\nproject: acme-ml\nlocation: us-central1\nendpoint: "123"\n' +
    `model: projects/acme-ml/locations/us-central1/models/m@2\ncapacity: ${capacity}\n` +
    `strategy:\n  type: rolling\n  maxSurge: ${surge}\n  maxUnavailable: ${unavailable}\ntimeout: 8h\n`;
  const { value } = validateRollout(text);
  assert.ok(value);
  return plan(value);
}

/** 10,000 SageMaker batches of 1 instance, 2 s bakes: past the rules (a batch is 5–50%), timed the whole way. */
function sagemakerBatches(): Plan {
  const text =
    'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 10000\n' +
    'strategy:\n  type: rolling\n  batch: 1\n  bake: 2s\ntimeout: 8h\n';
  const { value } = validateRollout(text);
  assert.ok(value);
  return plan(value);
}

test('the largest plans keep the chart far below mermaid maxTextSize (50,000), still spanning the whole schedule', async () => {
  // [plan, steps, bars, first bar, last bar]
  const rows: [Plan, number, number, string, string][] = [
    [
      vertexRolling(200, 1, 0),
      200,
      200,
      'Wave 1 · 1% · 1 new replica · about 5 min (estimate)',
      'Wave 200 · 100% · 200 new replicas · about 5 min (estimate)',
    ],
    [
      vertexRolling(201, 1, 0),
      201,
      67,
      'Waves 1–3 · 1% · 1–3 new replicas · about 15 min (estimate)',
      'Waves 199–201 · 99–100% · 199–201 new replicas · about 15 min (estimate)',
    ],
    [
      vertexRolling(700, 1, 0),
      700,
      100,
      'Waves 1–7 · 1% · 1–7 new replicas · about 35 min (estimate)',
      'Waves 694–700 · 99–100% · 694–700 new replicas · about 35 min (estimate)',
    ],
    [
      vertexRolling(10_000, 1, 0),
      10_000,
      100,
      'Waves 1–100 · 1% · 1–100 new replicas · about 8 h 20 min (estimate)',
      'Waves 9901–10000 · 99–100% · 9901–10000 new replicas · about 8 h 20 min (estimate)',
    ],
    [
      vertexRolling(10_000, 0, 1),
      10_000,
      100,
      'Waves 1–100 · 1% · 1–100 new replicas · about 8 h 20 min (estimate)',
      'Waves 9901–10000 · 99–100% · 9901–10000 new replicas · about 8 h 20 min (estimate)',
    ],
    [
      sagemakerBatches(),
      10_000,
      100,
      'Batches 1–100 · 1% · 1–100 new instances · bake 2 s each',
      'Batches 9901–10000 · 99–100% · 9901–10000 new instances · bake 2 s each',
    ],
  ];
  for (const [p, steps, bars, first, last] of rows) {
    assert.equal(p.steps.length, steps);
    const chart = charts(renderPlanMarkdown(p))[0]!;
    assert.ok(chart.length < 25_000, `${steps} steps: ${chart.length} characters`);
    await mermaid.parse(chart);
    const tasks = (await mermaid.mermaidAPI.getDiagramFromText(chart)).db.getTasks();
    assert.equal(tasks.length, bars, `${steps} steps`);
    assert.equal(tasks[0]!.task.trim(), first);
    assert.equal(tasks.at(-1)!.task.trim(), last);
    // Vertex AI waves have no planned time: the bars span their estimate, as the headline adds it up.
    const spans = pacedByWaves(p) ? vertexEstimateSeconds(p.steps.length) : p.totalSeconds;
    const seconds = (tasks.at(-1)!.endTime.getTime() - tasks[0]!.startTime.getTime()) / 1000;
    assert.equal(seconds, spans, `${steps} steps: the bars span the plan's ${spans} s`);
  }
});
