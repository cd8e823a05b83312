import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { type Found, plan, validateRollout } from '../../src/index.js';

// Every request planned from a file that validates is one the service accepts: its numbers and names lie within
// the bounds of the service model. Files are generated near and beyond every bound (32-bit integers, 2^53 − 1,
// control characters, emoji); those that validate are planned and each request is checked against this table.

const int32 = 2_147_483_647;

interface Bound {
  readonly min?: number;
  readonly max?: number;
  /** A whole-value pattern: the service model's, anchored (AWS matches the whole value). */
  readonly pattern?: RegExp;
  /** Length in characters (code points, as Smithy's `length` trait counts a string). */
  readonly minLength?: number;
  readonly maxLength?: number;
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
};

/** Vertex AI v1beta1 `RolloutOptions` (the API's discovery document): replica counts are int32, percents 0–100. */
const vertexBounds: Readonly<Record<string, Bound>> = {
  maxSurgeReplicas: { min: 0, max: int32 },
  maxUnavailableReplicas: { min: 0, max: int32 },
  maxSurgePercentage: { min: 0, max: 100 },
  maxUnavailablePercentage: { min: 0, max: 100 },
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
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('fraud-prod', 'a', 'x'.repeat(63), 'fraud--v2') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(64), 'bad_name', '-x', 'é', 'a\nb') },
);

const sageMaker = fc
  .record({
    endpoint: name,
    target: fc.constantFrom('endpointConfig', 'model', 'inferenceComponent'),
    targetName: name,
    capacity: fc.option(count, { nil: undefined }),
    type: fc.constantFrom('all-at-once', 'canary', 'linear', 'rolling'),
    size,
    bake: seconds,
    terminationWait: seconds,
    timeout: fc.option(seconds, { nil: undefined }),
    alarms: fc.array(alarmName, { minLength: 1, maxLength: 3 }),
    rollbackBatch: fc.option(size, { nil: undefined }),
  })
  .map((r) => {
    const component = r.target === 'inferenceComponent';
    const type = component ? 'rolling' : r.type;
    const key = type === 'canary' ? 'size' : type === 'linear' ? 'step' : 'batch';
    return {
      version: 1,
      provider: 'sagemaker',
      endpoint: r.endpoint,
      ...(component
        ? { inferenceComponent: r.targetName, model: 'chat-model-v8' }
        : { [r.target]: r.targetName }),
      ...(r.capacity !== undefined && { [component ? 'copies' : 'capacity']: r.capacity }),
      strategy: { type, ...(type !== 'all-at-once' && { [key]: r.size, bake: r.bake }) },
      ...(type !== 'rolling' && { terminationWait: r.terminationWait }),
      ...(r.timeout !== undefined && { timeout: r.timeout }),
      rollback: {
        alarms: r.alarms,
        ...(type === 'rolling' && r.rollbackBatch !== undefined && { batch: r.rollbackBatch }),
      },
    };
  });

const vertex = fc
  .record({ capacity: fc.option(count, { nil: undefined }), surge: size, unavailable: size })
  .map((r) => ({
    version: 1,
    provider: 'vertex-ai',
    project: 'acme-ml',
    location: 'us-central1',
    endpoint: '1234567890',
    model: 'projects/acme-ml/locations/us-central1/models/m@2',
    ...(r.capacity !== undefined && { capacity: r.capacity }),
    strategy: { type: 'rolling', maxSurge: r.surge, maxUnavailable: r.unavailable },
  }));

/** What preflight found, so the `model` target's CreateEndpointConfig is planned and checked too. */
const found: Found = {
  provider: 'sagemaker',
  currentConfig: {
    ProductionVariants: [
      { VariantName: 'AllTraffic', ModelName: 'm-v1', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4 },
    ],
  },
};

test('every request planned from a file that validates lies within the service model', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(sageMaker, vertex), (doc) => {
      const text = stringify(doc);
      const { value, diagnostics } = validateRollout(text, { fileName: 'g.rollout.yaml' });
      if (value === undefined || diagnostics.some((d) => d.severity === 'error')) return;
      accepted++;
      const planned = plan(value, value.provider === 'sagemaker' ? { found } : {});
      const bounds = value.provider === 'sagemaker' ? sageMakerBounds : vertexBounds;
      const wrong = [planned.prepare, planned.request].flatMap((r) => (r ? breaches(r, bounds) : []));
      assert.deepEqual(wrong, [], text);
    }),
    { numRuns: 2000 },
  );
  assert.ok(accepted > 200, `only ${accepted} generated files validated`);
});

test('the bounds table catches what the service refuses', () => {
  assert.deepEqual(breaches({ AlarmName: 'a\nb' }, sageMakerBounds).length, 1);
  assert.deepEqual(breaches({ AlarmName: '🚨'.repeat(255) }, sageMakerBounds), []);
  assert.deepEqual(
    breaches({ CanarySize: { Type: 'INSTANCE_COUNT', Value: int32 + 1 } }, sageMakerBounds).length,
    1,
  );
  assert.deepEqual(breaches({ maxSurgeReplicas: 2 ** 31 }, vertexBounds).length, 1);
});
