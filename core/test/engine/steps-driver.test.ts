import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Observation } from '../../src/engine/provider.js';
import { timedOut } from '../../src/engine/steps/deadline.js';
import {
  type Progress,
  type StepsBackend,
  type StepsLook,
  stepsDriver,
} from '../../src/engine/steps/driver.js';
import type { StepsState } from '../../src/plan/steps-request.js';

// The driver of Shiftwise-run steps, one look at a time, over a backend that records what it is asked to do: what
// stops a rollout going forward (the timeout, a rollback alarm) is checked in every state, before any forward move.

const t0 = Date.parse('2026-12-05T14:00:00.000Z');
const minutes = (n: number) => t0 + n * 60_000;

const state = (change: Partial<StepsState>): StepsState => ({
  rollout: 't-steps',
  digest: 'd',
  original: 't-ep-current',
  step: 0,
  state: 'starting',
  since: new Date(t0).toISOString(),
  stretch: new Date(t0).toISOString(),
  ...change,
});

interface Scene {
  readonly state: StepsState;
  readonly now: number;
  readonly busy?: string;
  readonly share?: { current?: number; desired?: number };
  readonly alarm?: string;
  /** What the backend's phase reports: starting (`started`), finishing (`finished`). Default done. */
  readonly phase?: Progress;
  /** Finishing: whether the old model still has its instances. Default true. */
  readonly oldModelStays?: boolean;
  readonly mode?: 'deploy' | 'promote' | 'abort';
}

/** One observe over a backend showing `scene`: the observation, and every action asked of the backend. */
async function oneLook(scene: Scene) {
  const did: string[] = [];
  /** Notes `what` was asked, and answers `answer`. */
  const asked = async <T>(what: string, answer: T): Promise<T> => {
    did.push(what);
    return answer;
  };
  const look: StepsLook = {
    state: scene.state,
    now: scene.now,
    share: scene.share ?? {},
    ...(scene.busy && { busy: scene.busy }),
  };
  const backend: StepsBackend<StepsLook> = {
    look: async () => look,
    record: async (_l, s) => void did.push(`record ${s.state} ${s.step}${s.reason ? `: ${s.reason}` : ''}`),
    clear: async () => void did.push('clear'),
    shift: async (_l, percent) => void did.push(`shift ${percent}`),
    started: () => asked('started', scene.phase ?? { kind: 'done' }),
    finished: () => asked('finished', scene.phase ?? { kind: 'done' }),
    oldModelStays: () => scene.oldModelStays ?? true,
    reverted: () => asked('reverted', { kind: 'working', phase: 'rolling-back', message: 'back' }),
    firingAlarm: async () => scene.alarm,
    series: async () => ({ timestamps: [], values: [] }),
    succeeded: () => 'endpoint t-ep InService on t-ep--t-model-v2',
    rolledBack: (_l, s) => `${s.reason}; back on t-ep-current`,
  };
  const driver = stepsDriver(backend, {
    steps: [
      { kind: 'traffic', percent: 50, bakeSeconds: 600 },
      { kind: 'traffic', percent: 100, bakeSeconds: 600 },
    ],
    checks: [],
    watched: true,
    timeoutSeconds: 1800,
    mode: scene.mode ?? 'deploy',
  });
  const seen: Observation = await driver.observe();
  return { seen, did };
}

const summary = (seen: Observation) =>
  seen.kind === 'progress'
    ? `${seen.phase}: ${seen.message}`
    : `${seen.kind}: ${'reason' in seen ? seen.reason : seen.message}`;

const rows: readonly { name: string; scene: Scene; seen: RegExp; did: readonly string[] }[] = [
  {
    name: 'starting, the new variant up, in time: step 1',
    scene: { state: state({}), now: minutes(5), share: { current: 0, desired: 0 } },
    seen: /^shifting: step 1 of 2: 50%/,
    did: ['started', 'record shifting 1', 'shift 50'],
  },
  {
    name: 'starting, resumed past the timeout: rolls back, no step sent',
    scene: { state: state({}), now: minutes(35), share: { current: 0, desired: 0 } },
    seen: /^rolling-back: rolling back: timeout: 1800 s passed since 2026-12-05T14:00:00.000Z/,
    did: [
      'record rolling-back 0: timeout: 1800 s passed since 2026-12-05T14:00:00.000Z before the steps ended',
      'reverted',
    ],
  },
  {
    name: 'shifting, resumed past the timeout: rolls back, the weights not sent',
    scene: {
      state: state({ step: 1, state: 'shifting' }),
      now: minutes(31),
      share: { current: 0, desired: 0 },
    },
    seen: /^rolling-back: rolling back: timeout/,
    did: [
      'record rolling-back 1: timeout: 1800 s passed since 2026-12-05T14:00:00.000Z before the steps ended',
      'reverted',
    ],
  },
  {
    name: 'starting, an alarm in ALARM: rolls back before step 1',
    scene: { state: state({}), now: minutes(5), alarm: 't-5xx' },
    seen: /^rolling-back: rolling back: alarm t-5xx went into ALARM while the new model came up beside the old one$/,
    did: [
      'record rolling-back 0: alarm t-5xx went into ALARM while the new model came up beside the old one',
      'reverted',
    ],
  },
  {
    name: 'starting while the endpoint updates, an alarm in ALARM: the rollback recorded, begun once it settles',
    scene: { state: state({}), now: minutes(5), busy: 'endpoint Updating', alarm: 't-5xx' },
    seen: /^rolling-back: rolling back once the endpoint settles \(endpoint Updating\): alarm t-5xx went into ALARM/,
    did: [
      'record rolling-back 0: alarm t-5xx went into ALARM while the new model came up beside the old one',
    ],
  },
  {
    name: 'shifting while new instances come up, an alarm in ALARM: the rollback recorded',
    scene: {
      state: state({ step: 2, state: 'shifting' }),
      now: minutes(15),
      busy: 'endpoint Updating',
      alarm: 't-5xx',
    },
    seen: /^rolling-back: rolling back once the endpoint settles/,
    did: ['record rolling-back 2: alarm t-5xx went into ALARM during step 2'],
  },
  {
    name: 'shifting, busy past the timeout: the rollback recorded',
    scene: { state: state({ step: 1, state: 'shifting' }), now: minutes(40), busy: 'endpoint Updating' },
    seen: /^rolling-back: rolling back once the endpoint settles \(endpoint Updating\): timeout/,
    did: [
      'record rolling-back 1: timeout: 1800 s passed since 2026-12-05T14:00:00.000Z before the steps ended',
    ],
  },
  {
    name: 'finishing, the finish not sent yet, an alarm in ALARM: rolls back',
    scene: { state: state({ step: 2, state: 'finishing' }), now: minutes(25), alarm: 't-5xx' },
    seen: /^rolling-back: rolling back: alarm t-5xx went into ALARM before the finish removed the old model$/,
    did: [
      'record rolling-back 2: alarm t-5xx went into ALARM before the finish removed the old model',
      'reverted',
    ],
  },
  {
    name: 'finishing past the timeout: the steps ended in time, the finish goes on',
    scene: {
      state: state({ step: 2, state: 'finishing' }),
      now: minutes(45),
      phase: { kind: 'working', phase: 'provisioning', message: 'provisioning' },
    },
    seen: /^provisioning: provisioning$/,
    did: ['finished'],
  },
  {
    name: 'finishing, the old model gone, an alarm in ALARM: no success, the alarm named',
    scene: {
      state: state({ step: 2, state: 'finishing' }),
      now: minutes(27),
      alarm: 't-5xx',
      oldModelStays: false,
    },
    seen: /^failed: rollback alarm t-5xx went into ALARM while the finish was removing the old model, too late to roll back: endpoint t-ep InService on t-ep--t-model-v2\. Check the new model; to go back, deploy the previous one again$/,
    did: ['finished', 'clear'],
  },
  {
    name: 'finishing, the old model gone, no alarm: succeeded',
    scene: { state: state({ step: 2, state: 'finishing' }), now: minutes(27), oldModelStays: false },
    seen: /^succeeded: endpoint t-ep InService/,
    did: ['finished', 'clear'],
  },
  {
    name: 'paused at a gate, promote with an alarm in ALARM: rolls back instead of passing the gate',
    scene: { state: state({ step: 1, state: 'paused' }), now: minutes(50), alarm: 't-5xx', mode: 'promote' },
    seen: /^rolling-back: rolling back: alarm t-5xx went into ALARM at the gate of step 1$/,
    did: ['record rolling-back 1: alarm t-5xx went into ALARM at the gate of step 1', 'reverted'],
  },
  {
    name: 'paused at a gate long past the timeout: promote starts a new stretch',
    scene: { state: state({ step: 1, state: 'paused' }), now: minutes(50), mode: 'promote' },
    seen: /^shifting: step 2 of 2: 100%/,
    did: ['record shifting 2', 'shift 100'],
  },
];

for (const row of rows)
  test(`steps driver: ${row.name}`, async () => {
    const { seen, did } = await oneLook(row.scene);
    assert.match(summary(seen), row.seen);
    assert.deepEqual(did, row.did);
  });

test('steps driver: an alarm too late to roll back is in the failed observation, for the report', async () => {
  const { seen } = await oneLook({
    state: state({ step: 2, state: 'finishing' }),
    now: minutes(27),
    alarm: 't-5xx',
    oldModelStays: false,
  });
  assert.equal(seen.kind === 'failed' && seen.alarm, 't-5xx');
});

const timeouts: readonly { name: string; state: StepsState; now: number; timeout?: number; late: boolean }[] =
  [
    {
      name: 'baking, a second before',
      state: state({ state: 'baking', step: 1 }),
      now: minutes(30) - 1000,
      timeout: 1800,
      late: false,
    },
    {
      name: 'baking, at the deadline',
      state: state({ state: 'baking', step: 1 }),
      now: minutes(30),
      timeout: 1800,
      late: true,
    },
    { name: 'starting, past it', state: state({}), now: minutes(31), timeout: 1800, late: true },
    { name: 'no timeout in the file', state: state({}), now: minutes(3100), late: false },
    {
      name: 'paused: a promote starts a new stretch',
      state: state({ state: 'paused', step: 1 }),
      now: minutes(31),
      timeout: 1800,
      late: false,
    },
    {
      name: 'finishing: the steps ended in time',
      state: state({ state: 'finishing', step: 2 }),
      now: minutes(31),
      timeout: 1800,
      late: false,
    },
    {
      name: 'counted from the stretch (the last promote)',
      state: state({ state: 'baking', step: 2, stretch: new Date(minutes(20)).toISOString() }),
      now: minutes(45),
      timeout: 1800,
      late: false,
    },
  ];

for (const row of timeouts)
  test(`timedOut: ${row.name}`, () => {
    assert.equal(timedOut(row.state, row.now, row.timeout) !== undefined, row.late);
  });
