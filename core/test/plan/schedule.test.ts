import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Plan, plan, planSummary, validateRollout } from '../../src/index.js';

// Named rows of the planner's arithmetic (the argo-rollouts habit): a rollout file, and the schedule it must give.
interface Row {
  readonly name: string;
  readonly file: string;
  readonly capacity?: number;
  readonly startsAt?: number[];
  readonly traffic: number[];
  readonly green?: number[];
  readonly bakes?: string[];
  readonly total: number;
  readonly peak: number;
  readonly summary?: string;
  readonly assumption?: RegExp;
  readonly warning?: string;
}

const sagemaker = (strategy: string, rest = 'terminationWait: 5m\n') =>
  `version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n${strategy}${rest}timeout: 2h\nrollback:\n  alarms: [a]\n`;
const vertex = (surge: string, unavailable: string) =>
  `version: 1\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: '1'\nmodel: projects/p/locations/us-central1/models/m\nstrategy:\n  type: rolling\n  maxSurge: ${surge}\n  maxUnavailable: ${unavailable}\ntimeout: 1h\n`;

const rows: Row[] = [
  {
    name: 'rolling batch 1 of 4 with bake 0: no batch bakes, and the words say so',
    file: sagemaker('  type: rolling\n  batch: 1\n  bake: 0s\n', ''),
    capacity: 4,
    traffic: [25, 50, 75, 100],
    total: 0,
    peak: 5,
    summary: '4 batches · 0 s · peak 5 instances',
    assumption:
      /launches 1 new instance, moves its share of traffic, then terminates as many old ones at once; no batch bakes/,
  },
  {
    name: 'linear 20% of 5, 5-minute bakes and termination wait',
    file: sagemaker('  type: linear\n  step: 20%\n  bake: 5m\n'),
    capacity: 5,
    startsAt: [0, 300, 600, 900, 1200],
    traffic: [20, 40, 60, 80, 100],
    green: [1, 2, 3, 4, 5],
    bakes: ['wait-interval', 'wait-interval', 'wait-interval', 'wait-interval', 'termination-wait'],
    total: 1500,
    peak: 10,
    summary: '5 steps · 25 min · peak 10 instances',
  },
  {
    name: 'canary 30% of 3 is one instance, 33% effective',
    file: sagemaker('  type: canary\n  size: 30%\n  bake: 10m\n'),
    capacity: 3,
    startsAt: [0, 600],
    traffic: [33, 100],
    green: [1, 3],
    bakes: ['wait-interval', 'termination-wait'],
    total: 900,
    peak: 6,
    assumption: /30% of 3 rounds to 1 instance: 33%/,
    warning: 'rounding',
  },
  {
    name: 'all-at-once is one full step baking the termination wait',
    file: sagemaker('  type: all-at-once\n', 'terminationWait: 10m\n'),
    capacity: 4,
    traffic: [100],
    bakes: ['termination-wait'],
    total: 600,
    peak: 8,
    summary: '1 step · 10 min · peak 8 instances',
  },
  {
    name: 'linear 2 of 5 ends with a short step',
    file: sagemaker('  type: linear\n  step: 2\n  bake: 1m\n', 'terminationWait: 0\n'),
    capacity: 5,
    traffic: [40, 80, 100],
    green: [2, 4, 5],
    bakes: ['wait-interval', 'wait-interval', 'none'],
    total: 120,
    peak: 10,
  },
  {
    name: 'rolling 25% of 8 bakes after every batch, peak capacity + batch',
    file: sagemaker('  type: rolling\n  batch: 25%\n  bake: 2m\n', ''),
    capacity: 8,
    startsAt: [0, 120, 240, 360],
    traffic: [25, 50, 75, 100],
    green: [2, 4, 6, 8],
    total: 480,
    peak: 10,
  },
  {
    name: 'Vertex AI 10 replicas, surge 25%, unavailable 0: four waves',
    file: vertex('25%', '0'),
    capacity: 10,
    traffic: [30, 60, 90, 100],
    green: [3, 6, 9, 10],
    bakes: ['none', 'none', 'none', 'none'],
    total: 0,
    peak: 13,
  },
  {
    name: 'Vertex AI surge 1, unavailable 1 of 4: two waves',
    file: vertex('1', '1'),
    capacity: 4,
    traffic: [50, 100],
    total: 0,
    peak: 5,
  },
  {
    name: 'Vertex AI surge 10 of 4 replicas: one wave of 4 new, peak 8 as with surge 100%',
    file: vertex('10', '0'),
    capacity: 4,
    traffic: [100],
    green: [4],
    total: 0,
    peak: 8,
    summary: '1 wave · about 5 min (estimate) · peak 8 replicas',
    assumption:
      /^Rolling deployment: up to 4 replicas extra \(maxSurge allows 10, but no more new replicas start than the 4 they replace\)/,
  },
  {
    name: 'Vertex AI surge 100% of 4 replicas: the same wave and peak',
    file: vertex('100%', '0'),
    capacity: 4,
    traffic: [100],
    green: [4],
    total: 0,
    peak: 8,
    assumption: /^Rolling deployment: up to 4 replicas extra \(maxSurge, rounded up\)/,
  },
  {
    name: 'Vertex AI surge 10, unavailable 1 of 4: peak 8, never 14',
    file: vertex('10', '1'),
    capacity: 4,
    traffic: [100],
    total: 0,
    peak: 8,
  },
  {
    name: 'a fleet of one is "1 instance" in the assumptions, not "1 instances"',
    file: sagemaker('  type: all-at-once\n'),
    capacity: 1,
    traffic: [100],
    total: 300,
    peak: 2,
    assumption: /^Capacity: 1 instance, as given\.$/,
  },
  {
    name: 'inference component batch 25% of 3 copies rounds to 1 copy, not "1 copies"',
    file: 'version: 1\nprovider: sagemaker\nendpoint: llm\ninferenceComponent: ic\nmodel: m\nstrategy:\n  type: rolling\n  batch: 25%\n  bake: 1m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
    capacity: 3,
    traffic: [33, 67, 100],
    green: [1, 2, 3],
    total: 180,
    peak: 4,
    assumption: /^batch 25% of 3 rounds to 1 copy: 33% of traffic/,
  },
  {
    name: 'a manual gate waits for a promote: the headline adds it to the bakes, not 0 s',
    file: 'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 2\nstrategy:\n  type: steps\n  steps:\n    - traffic: 50%\n      bake: 10m\n    - pause: manual\n    - traffic: 100%\n      bake: 5m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
    capacity: 2,
    traffic: [50, 50, 100],
    bakes: ['watch', 'gate', 'watch'],
    total: 900,
    peak: 6,
    summary: '3 steps · 15 min + a manual gate · peak 6 instances',
  },
  {
    name: 'unknown capacity plans an example fleet and says so',
    file: sagemaker('  type: canary\n  size: 10%\n  bake: 5m\n'),
    traffic: [10, 100],
    total: 600,
    peak: 20,
    // The headline every face shows (code lens, status bar, comment) says whose peak it is.
    summary: '2 steps · 10 min · peak 20 instances (example fleet of 10)',
    assumption: /Capacity unknown: planned for an example fleet of 10 instances/,
  },
];

function planOf(row: Row): { plan: Plan; codes: string[] } {
  const validation = validateRollout(row.file, { ...(row.capacity && { capacity: row.capacity }) });
  assert.ok(validation.value, `parses: ${validation.diagnostics.map((d) => d.message).join('; ')}`);
  return {
    plan: plan(validation.value, { ...(row.capacity && { capacity: row.capacity }) }),
    codes: validation.diagnostics.map((d) => d.code),
  };
}

for (const row of rows) {
  test(`plan: ${row.name}`, () => {
    const { plan: p, codes } = planOf(row);
    assert.deepEqual(
      p.steps.map((s) => s.trafficPercent),
      row.traffic,
    );
    if (row.startsAt)
      assert.deepEqual(
        p.steps.map((s) => s.startsAt),
        row.startsAt,
      );
    if (row.green)
      assert.deepEqual(
        p.steps.map((s) => s.greenActive),
        row.green,
      );
    if (row.bakes)
      assert.deepEqual(
        p.steps.map((s) => s.bake),
        row.bakes,
      );
    assert.equal(p.totalSeconds, row.total);
    assert.equal(p.peakInstances, row.peak);
    assert.equal(p.capacityKnown, row.capacity !== undefined);
    if (row.summary) assert.equal(planSummary(p), row.summary);
    if (row.assumption)
      assert.ok(
        p.assumptions.some((a) => row.assumption!.test(a)),
        p.assumptions.join('\n'),
      );
    if (row.warning)
      assert.ok(codes.includes(row.warning), `expected a ${row.warning} finding, got ${codes}`);
  });
}

test('a step with new instances serving never shows 0% of traffic, and none before the last shows 100%', () => {
  // 1 new instance of 300 carries 0.33% of traffic: shown as 0%, the plan hid that the new model already serves.
  const { plan: p } = planOf({
    name: 'rolling batch 1 of 300',
    file: sagemaker('  type: rolling\n  batch: 1\n  bake: 1m\n', ''),
    capacity: 300,
    traffic: [],
    total: 0,
    peak: 0,
  });
  const traffic = p.steps.map((s) => s.trafficPercent);
  assert.equal(traffic.length, 300);
  assert.deepEqual(traffic.slice(0, 3), [1, 1, 1]);
  assert.equal(traffic[149], 50);
  assert.deepEqual(traffic.slice(-3), [99, 99, 100]);
  assert.ok(traffic.slice(0, -1).every((t) => t >= 1 && t <= 99));
});
