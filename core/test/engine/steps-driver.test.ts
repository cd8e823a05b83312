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
  /** Undefined: no state recorded any more (another process ended the rollout). */
  readonly state: StepsState | undefined;
  readonly now: number;
  readonly busy?: string;
  readonly share?: { current?: number; desired?: number };
  readonly alarm?: string;
  /** What the backend's phase reports: starting (`started`), finishing (`finished`). Default done. */
  readonly phase?: Progress;
  /** Finishing: whether the old model still has its instances. Default true. */
  readonly oldModelStays?: boolean;
  readonly mode?: 'deploy' | 'promote' | 'abort';
  /** Starting: the start's update or operation failed, in the service's words. */
  readonly startFailed?: string;
  /** The endpoint serves what the rollout started from alone. Default false. */
  readonly backOnOriginal?: boolean;
}

/** One observe over a backend showing `scene`: the observation, and every action asked of the backend. */
const oneLook = (scene: Scene) => looks([scene]);

/** One observe per scene, in order, by one driver (the mode is the first scene's): the last observation, and every action. */
async function looks(scenes: readonly Scene[]) {
  const did: string[] = [];
  let scene = scenes[0]!;
  /** Notes `what` was asked, and answers `answer`. */
  const asked = async <T>(what: string, answer: T): Promise<T> => {
    did.push(what);
    return answer;
  };
  const backend: StepsBackend<StepsLook> = {
    look: async () => ({
      state: scene.state,
      now: scene.now,
      share: scene.share ?? {},
      ...(scene.busy && { busy: scene.busy }),
    }),
    record: async (_l, s) => void did.push(`record ${s.state} ${s.step}${s.reason ? `: ${s.reason}` : ''}`),
    clear: async () => void did.push('clear'),
    shift: async (_l, percent) => void did.push(`shift ${percent}`),
    startFailed: () => scene.startFailed,
    started: () => asked('started', scene.phase ?? { kind: 'done' }),
    finished: () => asked('finished', scene.phase ?? { kind: 'done' }),
    oldModelStays: () => scene.oldModelStays ?? true,
    reverted: () => asked('reverted', { kind: 'working', phase: 'rolling-back', message: 'back' }),
    backOnOriginal: () => scene.backOnOriginal ?? false,
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
  let seen: Observation | undefined;
  for (const next of scenes) {
    scene = next;
    seen = await driver.observe();
  }
  return { seen: seen!, did };
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
    name: 'starting, the start failed and the timeout passed: failed in the start’s words, no rollback',
    scene: {
      state: state({}),
      now: minutes(35),
      startFailed:
        'deploying m@7 beside the previous model failed: replicas not ready (code 13); no traffic reached it',
    },
    seen: /^failed: deploying m@7 beside the previous model failed: replicas not ready \(code 13\); no traffic reached it$/,
    did: ['clear'],
  },
  {
    name: 'starting, the start failed and an alarm in ALARM: failed in the start’s words',
    scene: {
      state: state({}),
      now: minutes(5),
      alarm: 't-5xx',
      startFailed: 'adding the new variant failed',
    },
    seen: /^failed: adding the new variant failed$/,
    did: ['clear'],
  },
  {
    name: 'starting, the start failed, abort: rolls back (the backend says there was nothing to undo)',
    scene: { state: state({}), now: minutes(5), mode: 'abort', startFailed: 'adding the new variant failed' },
    seen: /^rolling-back: rolling back: aborted by shiftwise abort$/,
    did: ['record rolling-back 0: aborted by shiftwise abort', 'reverted'],
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

// Two processes watch one rollout: one rolls it back, the other may end the rollback and remove the state first.
// Whoever removed it, a rollback with the endpoint back where it started is the ending of both.
const ends: readonly { name: string; looks: readonly Scene[]; seen: RegExp; alarm?: string }[] = [
  {
    name: 'this run began the rollback (an alarm); another ended it: rolled back, the alarm named',
    looks: [
      { state: state({ step: 1, state: 'baking' }), now: minutes(5), share: { current: 50 }, alarm: 't-5xx' },
      { state: undefined, now: minutes(8), backOnOriginal: true },
    ],
    seen: /^rolled-back: alarm t-5xx went into ALARM during step 1; back on t-ep-current$/,
    alarm: 't-5xx',
  },
  {
    name: 'this run saw another’s rollback recorded; that one ended it: rolled back in its words',
    looks: [
      {
        state: state({ step: 1, state: 'rolling-back', reason: 'alarm t-5xx went into ALARM during step 1' }),
        now: minutes(5),
        share: { current: 0 },
      },
      { state: undefined, now: minutes(8), backOnOriginal: true },
    ],
    seen: /^rolled-back: alarm t-5xx went into ALARM during step 1; back on t-ep-current$/,
    alarm: 't-5xx',
  },
  {
    name: 'a rollback seen, the state gone, the endpoint elsewhere: failed, state removed',
    looks: [
      { state: state({ step: 1, state: 'baking' }), now: minutes(5), share: { current: 50 }, alarm: 't-5xx' },
      { state: undefined, now: minutes(8), backOnOriginal: false },
    ],
    seen: /^failed: no Shiftwise rollout is recorded on the endpoint any more \(its state was removed\)$/,
  },
  {
    name: 'no rollback seen, the state gone (a refused start elsewhere, on the original config): failed',
    looks: [
      {
        state: state({}),
        now: minutes(1),
        phase: { kind: 'working', phase: 'provisioning', message: 'adding' },
      },
      { state: undefined, now: minutes(2), backOnOriginal: true },
    ],
    seen: /^failed: no Shiftwise rollout is recorded on the endpoint any more/,
  },
];

for (const row of ends)
  test(`steps driver, state removed by another process: ${row.name}`, async () => {
    const { seen } = await looks(row.looks);
    assert.match(summary(seen), row.seen);
    assert.equal('alarm' in seen ? seen.alarm : undefined, row.alarm);
  });
