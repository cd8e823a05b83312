import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { type Found, plan, validateRollout } from '../../src/index.js';
import { vertexRevertRequest } from '../../src/plan/vertex-request.js';

// Every request planned from a file that validates is one the service accepts: its numbers and names lie within
// the bounds of the service model. Files are generated near and beyond every bound (32-bit integers, 2^53 − 1,
// control characters, emoji, eleven alarms); those that validate are planned and each request is checked against
// this table: the one that starts the rollout, the config created before it, and every request of a `steps` run.

const int32 = 2_147_483_647;

interface Bound {
  readonly min?: number;
  readonly max?: number;
  /** A whole-value pattern: the service model's, anchored (AWS matches the whole value). */
  readonly pattern?: RegExp;
  /** Length in characters (code points, as Smithy's `length` trait counts a string). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Items in a list member (Smithy's `length` trait on a list). */
  readonly maxItems?: number;
  /** A `float` member: any number from `min` up, not only integers. */
  readonly float?: boolean;
  /** A traffic split: whole percents 0–100 by DeployedModel, which add up to 100. */
  readonly split?: boolean;
}

const sageMakerName: Bound = { pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, maxLength: 63 };
const modelName: Bound = { pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, maxLength: 63 };

/**
 * Member bounds from the SageMaker service model, botocore `sagemaker/2017-07-24/service-2.json` (the shape named
 * in each comment). Integers without a `max` there are 32-bit (`integer` in the model).
 */
const sageMakerBounds: Readonly<Record<string, Bound>> = {
  EndpointName: sageMakerName, // EndpointName: max 63, pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
  EndpointConfigName: sageMakerName, // EndpointConfigName: the same
  ModelName: modelName, // ModelName: max 63, pattern [a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?
  InferenceComponentName: modelName, // InferenceComponentName: the same as ModelName
  // AlarmName: min 1, max 255, pattern (?!\s*$).+ — Java's `.` matches no line terminator.
  AlarmName: { pattern: /^(?!\s*$)[^\n\r\u0085\u2028\u2029]+$/u, minLength: 1, maxLength: 255 },
  Value: { min: 1, max: int32 }, // CapacitySizeValue: min 1, integer
  WaitIntervalInSeconds: { min: 0, max: 3600 }, // WaitIntervalInSeconds: 0–3600
  TerminationWaitInSeconds: { min: 0, max: 3600 }, // TerminationWaitInSeconds: 0–3600
  MaximumExecutionTimeoutInSeconds: { min: 600, max: 28800 }, // MaximumExecutionTimeoutInSeconds: 600–28800
  InitialInstanceCount: { min: 1, max: int32 }, // InitialTaskCount: min 1, integer
  CopyCount: { min: 0, max: int32 }, // InferenceComponentCopyCount: min 0, integer
  Alarms: { maxItems: 10 }, // AlarmList: min 1, max 10
  VariantName: sageMakerName, // VariantName: max 63, pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
  DesiredInstanceCount: { min: 0, max: int32 }, // TaskCount: min 0, integer
  DesiredWeight: { min: 0, float: true }, // VariantWeight: min 0, float
};

/**
 * Vertex AI's `DeployedModel` and `deployModel` (the API's discovery document, v1 and v1beta1): `RolloutOptions`'
 * replica counts are int32 and percents 0–100; `displayName` is at most 128 characters; `DedicatedResources`'
 * replica counts are int32 from 1; a `trafficSplit` maps DeployedModel IDs to whole percents that add up to 100.
 */
const vertexBounds: Readonly<Record<string, Bound>> = {
  maxSurgeReplicas: { min: 0, max: int32 },
  maxUnavailableReplicas: { min: 0, max: int32 },
  maxSurgePercentage: { min: 0, max: 100 },
  maxUnavailablePercentage: { min: 0, max: 100 },
  displayName: { maxLength: 128 },
  minReplicaCount: { min: 1, max: int32 },
  maxReplicaCount: { min: 1, max: int32 },
  trafficSplit: { split: true },
};

/** Every breach of `bounds` in `value`, by the member's path: empty when the request is valid. */
function breaches(value: unknown, bounds: Readonly<Record<string, Bound>>, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => breaches(v, bounds, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = path === '' ? key : `${path}.${key}`;
    const bound = Object.hasOwn(bounds, key) ? bounds[key] : undefined;
    return [...(bound ? breach(v, bound, at) : []), ...breaches(v, bounds, at)];
  });
}

function breach(v: unknown, b: Bound, at: string): string[] {
  if (b.split) {
    const shares = v !== null && typeof v === 'object' ? Object.values(v) : [];
    const whole = shares.every((n) => Number.isInteger(n) && n >= 0 && n <= 100);
    const sum = shares.reduce((a: number, n) => a + Number(n), 0);
    return whole && sum === 100 ? [] : [`${at} = ${JSON.stringify(v)}: not whole percents adding up to 100`];
  }
  if (b.maxItems !== undefined)
    return Array.isArray(v) && v.length <= b.maxItems ? [] : [`${at} is not a list of at most ${b.maxItems}`];
  if (b.float)
    return typeof v === 'number' && Number.isFinite(v) && v >= (b.min ?? 0)
      ? []
      : [`${at} = ${String(v)}: below ${b.min}`];
  if (b.min !== undefined || b.max !== undefined) {
    const ok = Number.isSafeInteger(v) && (v as number) >= (b.min ?? 0) && (v as number) <= (b.max ?? int32);
    return ok ? [] : [`${at} = ${String(v)}: not an integer in ${b.min}–${b.max}`];
  }
  if (typeof v !== 'string') return [`${at} is not a string`];
  const length = [...v].length;
  if (length < (b.minLength ?? 0) || length > (b.maxLength ?? Number.POSITIVE_INFINITY))
    return [`${at} is ${length} characters`];
  return b.pattern && !b.pattern.test(v) ? [`${at} = ${JSON.stringify(v)} does not match ${b.pattern}`] : [];
}

// Values at and beyond each bound: most are refused by the rules; whatever is accepted must fit the API.
const bigCount = fc.constantFrom(1, 2, 3, 9_999, 10_000, 10_001, int32, int32 + 1, 2 ** 53 - 1, 1e15);
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 1, arbitrary: bigCount },
);
const size = fc.oneof(count, fc.constantFrom('1%', '5%', '10%', '25%', '50%', '100%'));
const seconds = fc.oneof(
  fc.constantFrom(0, 60, 600, 3600, 3601, 28800, 28801, int32 + 1, '1h', '8h', '9h'),
  fc.integer({ min: 0, max: 4000 }),
);
const alarmName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('fraud-5xx', 'latency p99', 'é-alarm') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'a\nb',
      'tab\there',
      'esc\u001b[31m',
      'nel\u0085x',
      'ls\u2028x',
      ' ',
      '',
      '🚨'.repeat(128),
      '🚨'.repeat(255),
      '🚨'.repeat(256),
      'a'.repeat(255),
      'a'.repeat(256),
    ),
  },
);
// A `steps` run: traffic steps rising to 100% or in any order, bakes near the 24 h bound, manual and timed pauses.
const trafficStep = fc.record({
  traffic: fc.oneof(
    fc.integer({ min: 1, max: 100 }).map((p) => `${p}%`),
    fc.constantFrom('0%', '101%'),
  ),
  bake: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1800 }) },
    fc.constantFrom('24h', 86_401, int32 + 1),
  ),
});
type RunStep = { traffic: string; bake: string | number } | { pause: string };
const runStep: fc.Arbitrary<RunStep> = fc.oneof(
  { weight: 4, arbitrary: trafficStep },
  fc.constantFrom({ pause: 'manual' }, { pause: '10m' }),
);
const runSteps = fc
  .array(runStep, { maxLength: 5 })
  .chain((steps) => fc.boolean().map((rising) => (rising ? risingTo100(steps) : steps)));

/** The traffic steps in rising order of distinct percents under 100, then 100%: the order `steps-order` wants. */
function risingTo100(steps: readonly RunStep[]): RunStep[] {
  const seen = new Set<number>();
  const traffic = steps
    .flatMap((s) => ('traffic' in s ? [{ ...s, percent: Number.parseInt(s.traffic, 10) }] : []))
    .filter((s) => s.percent >= 1 && s.percent < 100 && !seen.has(s.percent) && seen.add(s.percent))
    .sort((a, b) => a.percent - b.percent);
  let next = 0;
  const rising = steps.flatMap((s): RunStep[] => {
    if ('pause' in s) return [s];
    const t = traffic[next++];
    return t ? [{ traffic: t.traffic, bake: t.bake }] : [];
  });
  return [...rising, { traffic: '100%', bake: '10m' }];
}
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('fraud-prod', 'a', 'x'.repeat(63), 'fraud--v2') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(64), 'bad_name', '-x', 'é', 'a\nb') },
);
const strategyTypes = ['all-at-once', 'canary', 'linear', 'rolling', 'retain', 'steps'] as const;

const sageMaker = fc
  .record({
    endpoint: name,
    target: fc.constantFrom('endpointConfig', 'model', 'inferenceComponent'),
    targetName: name,
    capacity: fc.option(count, { nil: undefined }),
    type: fc.constantFrom(...strategyTypes),
    size,
    bake: seconds,
    terminationWait: seconds,
    timeout: fc.option(seconds, { nil: undefined }),
    alarms: fc.oneof(
      { weight: 4, arbitrary: fc.array(alarmName, { minLength: 1, maxLength: 3 }) },
      fc.constantFrom(10, 11).map((n) => Array.from({ length: n }, (_, i) => `alarm-${i}`)),
    ),
    rollbackBatch: fc.option(size, { nil: undefined }),
    steps: runSteps,
  })
  .map((r) => {
    const component = r.target === 'inferenceComponent';
    const type = component ? 'rolling' : r.type;
    const key = type === 'canary' ? 'size' : type === 'linear' ? 'step' : 'batch';
    const strategy =
      type === 'steps'
        ? { type, steps: r.steps }
        : { type, ...(type !== 'all-at-once' && type !== 'retain' && { [key]: r.size, bake: r.bake }) };
    return {
      version: 1,
      provider: 'sagemaker',
      endpoint: r.endpoint,
      ...(component
        ? { inferenceComponent: r.targetName, model: 'chat-model-v8' }
        : { [type === 'steps' ? 'model' : r.target]: r.targetName }),
      ...(r.capacity !== undefined && { [component ? 'copies' : 'capacity']: r.capacity }),
      strategy,
      ...(['all-at-once', 'canary', 'linear'].includes(type) && { terminationWait: r.terminationWait }),
      ...(r.timeout !== undefined && { timeout: r.timeout }),
      ...(type !== 'retain' && {
        rollback: {
          alarms: r.alarms,
          ...(type === 'rolling' && r.rollbackBatch !== undefined && { batch: r.rollbackBatch }),
        },
      }),
    };
  });

// A rollout's `name` is the new DeployedModel's displayName on Vertex AI.
const displayName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('sentiment', 'Sentiment v7', 'é-model') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x'.repeat(128), 'x'.repeat(129), '🚨'.repeat(128), '🚨'.repeat(129)),
  },
);

const vertex = fc
  .record({
    name: fc.option(displayName, { nil: undefined }),
    capacity: fc.option(count, { nil: undefined }),
    steps: fc.boolean(),
    surge: size,
    unavailable: size,
    runSteps,
  })
  .map((r) => ({
    version: 1,
    ...(r.name !== undefined && { name: r.name }),
    provider: 'vertex-ai',
    project: 'acme-ml',
    location: 'us-central1',
    endpoint: '1234567890',
    model: 'projects/acme-ml/locations/us-central1/models/m@2',
    ...(r.capacity !== undefined && { capacity: r.capacity }),
    strategy: r.steps
      ? { type: 'steps', steps: r.runSteps }
      : { type: 'rolling', maxSurge: r.surge, maxUnavailable: r.unavailable },
  }));

/**
 * What preflight found, so the `model` target's CreateEndpointConfig and a `steps` run's requests that depend on the
 * live config are planned and checked too.
 */
const found: Found = {
  provider: 'sagemaker',
  currentConfigName: 'm-config-v1',
  currentConfig: {
    ProductionVariants: [
      { VariantName: 'AllTraffic', ModelName: 'm-v1', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4 },
    ],
  },
};

/** The DeployedModel a Vertex AI rollout replaces, beside one it keeps, as preflight reads them. */
const vertexFound: Found = {
  provider: 'vertex-ai',
  previous: {
    id: '42',
    model: 'projects/acme-ml/locations/us-central1/models/m@1',
    dedicatedResources: {
      machineSpec: { machineType: 'n1-standard-4' },
      minReplicaCount: 2,
      maxReplicaCount: 4,
    },
  },
  others: { '7': 10 },
};

test('every request planned from a file that validates lies within the service model', (t) => {
  const runs = 6000;
  const accepted = new Map<string, number>();
  let requests = 0;
  fc.assert(
    fc.property(fc.oneof({ weight: 4, arbitrary: sageMaker }, vertex), (doc) => {
      const text = stringify(doc);
      const { value, diagnostics } = validateRollout(text, { fileName: 'g.rollout.yaml' });
      if (value === undefined || diagnostics.some((d) => d.severity === 'error')) return;
      const kind = `${value.provider} ${value.strategy.type}`;
      accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
      const planned = plan(value, { found: value.provider === 'sagemaker' ? found : vertexFound });
      const bounds = value.provider === 'sagemaker' ? sageMakerBounds : vertexBounds;
      // A Vertex AI rolling deployment's revert is built by the engine, from the file and what preflight found.
      const revert =
        value.provider === 'vertex-ai' &&
        value.strategy.type === 'rolling' &&
        vertexFound.provider === 'vertex-ai'
          ? vertexRevertRequest(value, { ...vertexFound.previous, model: 'm@1' }, '43')
          : undefined;
      const sent = [
        planned.prepare,
        planned.request,
        ...(planned.sequence ?? []).map((c) => c.request),
        revert,
      ].filter((r) => r !== undefined);
      requests += sent.length;
      const wrong = sent.flatMap((r) => breaches(r, bounds));
      assert.deepEqual(wrong, [], text);
    }),
    { numRuns: runs },
  );
  const total = [...accepted.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(
    `${runs} files generated, ${total} validated (${[...accepted].map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
      `${requests} requests checked`,
  );
  assert.ok(total > 300, `only ${total} generated files validated`);
  for (const kind of [
    ...strategyTypes.map((type) => `sagemaker ${type}`),
    'vertex-ai rolling',
    'vertex-ai steps',
  ])
    assert.ok((accepted.get(kind) ?? 0) >= 3, `too few valid ${kind} files: ${accepted.get(kind)}`);
});

test('the bounds table catches what the service refuses', () => {
  assert.deepEqual(breaches({ AlarmName: 'a\nb' }, sageMakerBounds).length, 1);
  assert.deepEqual(breaches({ AlarmName: '🚨'.repeat(255) }, sageMakerBounds), []);
  assert.deepEqual(
    breaches({ CanarySize: { Type: 'INSTANCE_COUNT', Value: int32 + 1 } }, sageMakerBounds).length,
    1,
  );
  assert.deepEqual(breaches({ maxSurgeReplicas: 2 ** 31 }, vertexBounds).length, 1);
  assert.deepEqual(breaches({ trafficSplit: { '0': 30, '42': 60, '7': 10 } }, vertexBounds), []);
  assert.deepEqual(breaches({ trafficSplit: { '0': 30, '42': 60 } }, vertexBounds).length, 1);
  assert.deepEqual(breaches({ trafficSplit: { '0': 2.5, '42': 97.5 } }, vertexBounds).length, 1);
  assert.deepEqual(breaches({ displayName: '🚨'.repeat(129), minReplicaCount: 0 }, vertexBounds).length, 2);
  assert.deepEqual(breaches({ Alarms: Array(11).fill({ AlarmName: 'a' }) }, sageMakerBounds).length, 1);
  assert.deepEqual(
    breaches({ DesiredInstanceCount: int32 + 1, DesiredWeight: -1 }, sageMakerBounds).length,
    2,
  );
  assert.deepEqual(breaches({ DesiredWeight: 0.5, VariantName: 'new-fraud-v2' }, sageMakerBounds), []);
});
