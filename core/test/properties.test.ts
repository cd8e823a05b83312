import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { type Diagnostic, validateRollout } from '../src/index.js';
import { unread } from '../src/parse/reader.js';
import { exampleNames, exampleText } from './support/examples.js';

// Properties over generated files: validation is total (never throws), every range and every fix edit lies
// inside the document, and the rules are at least as strict as the JSON Schema (the schema only runs,
// as `schema`, on files the rules accept, so a `schema` finding is a disagreement).

function checkRanges(text: string, diagnostics: readonly Diagnostic[]) {
  for (const d of diagnostics) {
    const ranges = [d.range, ...(d.fixes ?? []).flatMap((f) => f.edits.map((e) => e.range))];
    for (const r of ranges) {
      if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) {
        throw new Error(`${d.code}: range ${r.start}–${r.end} outside 0–${text.length}`);
      }
    }
  }
}

function total(text: string, fileName?: string) {
  const result = validateRollout(text, fileName === undefined ? {} : { fileName });
  checkRanges(text, result.diagnostics);
  const internal = result.diagnostics.find((d) => d.code === 'internal' || d.code === 'schema');
  if (internal) throw new Error(`${internal.code}: ${internal.message}\n--- for ---\n${text}`);
  // A hole (`unread`) lives only in the partial model the rules see, never in a file's value.
  if (result.value !== undefined && holds(result.value, unread))
    throw new Error(`a value holds unread\n--- for ---\n${text}`);
  return result;
}

/** Whether `mark` is anywhere in `value`. */
function holds(value: unknown, mark: unknown): boolean {
  if (value === mark) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => holds(v, mark));
}

const seeds = [
  ...exampleNames.map(exampleText),
  ...readdirSync(new URL('../testdata/rules/', import.meta.url))
    .filter((f) => f.includes('.rollout.'))
    .slice(0, 40)
    .map((f) => readFileSync(new URL(`../testdata/rules/${f}`, import.meta.url), 'utf8')),
];

const yamlish = fc.constantFrom(
  ...' \t\n:-[]{},#&*!|>\'"%@`?0123456789abcxyz'.split(''),
  '\r\n',
  '---',
  '<<: ',
  '__proto__',
);

test('random text never throws; ranges lie inside it', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      total(text);
      total(text, 'x.rollout.json');
    }),
    { numRuns: 300 },
  );
});

test('mutated real files never throw; ranges lie inside them', () => {
  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    at: fc.nat(),
    cut: fc.nat({ max: 12 }),
    insert: fc.array(yamlish, { maxLength: 6 }).map((parts) => parts.join('')),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      let text = seeds[mutations[0]?.seed ?? 0] as string;
      for (const m of mutations) {
        const at = m.at % (text.length + 1);
        text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
      }
      total(text);
      total(text, 'x.rollout.json');
    }),
    { numRuns: 400 },
  );
});

// Documents built from the fields' own vocabulary: mostly in bounds, sometimes not, as YAML and as JSON.
/** Usually a value from `good`, sometimes one from `wild`. */
function usually<T>(good: fc.Arbitrary<T>, wild: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: wild });
}
/** Usually absent (undefined), sometimes `value`. */
function rarely<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
}

const wildDuration = fc.oneof(
  fc.integer({ min: -5, max: 30_000 }),
  fc.constantFrom('0s', '90s', '2h', '8h', '8h1s', '10 min', '1.5h', ''),
);
const bake = usually(
  fc.constantFrom<string | number>(0, 60, 300, 2400, 3600, '5m', '10m', '1m30s', '1h'),
  wildDuration,
);
const timeout = usually(fc.constantFrom<string | number>(600, 3600, 28800, '2h', '4h', '8h'), wildDuration);
const wildSize = fc.oneof(
  fc.integer({ min: -1, max: 25 }),
  fc.integer({ min: 0, max: 110 }).map((p) => `${p}%`),
  fc.constantFrom('12.5%', '25', 'half'),
);
const share = usually(fc.constantFrom<string | number>('10%', '20%', '25%', '50%', 1, 2), wildSize);
const name = usually(
  fc.constantFrom('fraud-detector', 'a', 'x'.repeat(63), 'fraud--v2'),
  fc.constantFrom('x'.repeat(64), 'bad_name', '-x', ''),
);
const alarms = usually(
  fc.array(fc.constantFrom('fraud-5xx', 'latency', 'errors'), { minLength: 1, maxLength: 10 }),
  fc.array(fc.constantFrom('fraud-5xx', ' ', '', 'a'.repeat(256)), { maxLength: 12 }),
);

const sageMakerStrategy = fc.oneof(
  fc.record({ type: fc.constant('canary'), size: share, bake }),
  fc.record({ type: fc.constant('linear'), step: share, bake }),
  fc.record({ type: fc.constant('rolling'), batch: share, bake }),
  fc.record({ type: fc.constant('all-at-once') }),
  fc.record({ type: fc.constantFrom('canary', 'all-at-once'), size: share, step: rarely(share) }),
);

const sageMaker = fc
  .record({
    version: usually(fc.constant(1), fc.constant(2)),
    provider: fc.constant('sagemaker'),
    name: rarely(fc.constant('fraud')),
    region: rarely(fc.constant('us-east-1')),
    endpoint: name,
    target: fc.constantFrom('endpointConfig', 'model'),
    targetName: name,
    otherTarget: rarely(name),
    capacity: rarely(usually(fc.integer({ min: 1, max: 40 }), fc.constant(0))),
    strategy: sageMakerStrategy,
    terminationWait: rarely(bake),
    timeout: rarely(timeout),
    alarms: rarely(alarms),
    rollbackBatch: rarely(share),
    project: rarely(fc.constant('acme-ml')),
  })
  .map(({ target, targetName, otherTarget, alarms, rollbackBatch, strategy, ...doc }) => ({
    ...doc,
    [target]: targetName,
    ...(otherTarget !== undefined && { [target === 'model' ? 'endpointConfig' : 'model']: otherTarget }),
    strategy,
    ...(strategy.type === 'rolling' && { terminationWait: undefined }),
    rollback: {
      alarms: alarms ?? ['fraud-5xx'],
      ...(strategy.type === 'rolling' && { batch: rollbackBatch }),
    },
  }));

const vertex = fc.record({
  version: fc.constant(1),
  provider: fc.constant('vertex-ai'),
  project: usually(fc.constantFrom('acme-ml', '12345'), fc.constant('Bad Project')),
  location: usually(fc.constantFrom('us-central1', 'europe-west4'), fc.constant('nowhere')),
  endpoint: usually(fc.constant('1234567890'), fc.constant('abc')),
  model: usually(
    fc.constantFrom('projects/p/locations/l/models/m@2', 'projects/p/locations/l/models/m'),
    fc.constant('m'),
  ),
  previousDeployedModel: rarely(fc.constantFrom('987', 'x')),
  capacity: rarely(fc.integer({ min: 1, max: 40 })),
  strategy: fc.record({
    type: usually(fc.constant('rolling'), fc.constant('canary')),
    maxSurge: usually(fc.constantFrom<string | number>(0, 1, 2, '25%', '100%'), wildSize),
    maxUnavailable: usually(fc.constantFrom<string | number>(0, 1, '10%'), wildSize),
  }),
  timeout: rarely(timeout),
  region: rarely(fc.constant('us-east-1')),
});

// Steps Shiftwise runs (type: steps, both providers) and analysis checks: traffic usually rising to 100%.
const stepWait = usually(
  fc.constantFrom<string | number>(0, 60, '10m', '1h', '24h', 86400),
  fc.constantFrom<string | number>(-1, 86401, '25h', '0.5s', 'soon'),
);
const pause = usually(
  fc.constantFrom<string | number>('manual', '1h', 1, '1s', '24h'),
  fc.constantFrom<string | number>(0, '0s', 86401, 'later', ''),
);
const runSteps = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }),
    fc.array(stepWait, { minLength: 5, maxLength: 5 }),
    fc.array(rarely(pause), { minLength: 5, maxLength: 5 }),
    usually(fc.constant(true), fc.boolean()),
  )
  .map(([percents, bakes, pauses, rising]) => {
    const traffic = [...percents.sort((a, b) => (rising ? a - b : b - a)), 100];
    return traffic.flatMap((p, i) => [
      ...(pauses[i] === undefined ? [] : [{ pause: pauses[i] }]),
      { traffic: `${p}%`, bake: bakes[i] },
    ]);
  });
const check = (metrics: readonly string[]) =>
  fc.record({
    name: usually(
      fc.constantFrom('new-errors', 'lat.p99', 'a_1'),
      fc.constantFrom('', 'bad name', 'x'.repeat(65)),
    ),
    metric: usually(fc.constantFrom(...metrics), fc.constant('NoSuchMetric')),
    stat: rarely(usually(fc.constantFrom('Sum', 'Average', 'Maximum'), fc.constant('p99'))),
    period: usually(fc.constantFrom<string | number>('1m', 60, '5m', '1h', '24h'), wildDuration),
    max: usually(fc.constantFrom(0, 1, 99.5), fc.constant(undefined)),
    min: rarely(fc.constantFrom(-1, 0, 5)),
    failureLimit: rarely(usually(fc.integer({ min: 1, max: 100 }), fc.integer({ min: -2, max: 150 }))),
    dryRun: rarely(fc.boolean()),
    missingData: rarely(usually(fc.constantFrom('ignore', 'breach'), fc.constant('notBreaching'))),
  });
/** One to three checks, numbered so that their names differ (a duplicate is its own rule). */
const checks = (metrics: readonly string[]) =>
  rarely(
    fc
      .array(check(metrics), { minLength: 1, maxLength: 3 })
      .map((list) => list.map((c, i) => ({ ...c, name: `${c.name}${i}` }))),
  );
const stepsTimeout = usually(
  fc.constantFrom<string | number>(600, '4h', '12h', '3d', '7d', 604800),
  fc.constantFrom<string | number>(599, 604801, '8d'),
);

const sageMakerSteps = fc.record({
  version: fc.constant(1),
  provider: fc.constant('sagemaker'),
  endpoint: name,
  model: name,
  capacity: rarely(usually(fc.integer({ min: 1, max: 40 }), fc.constant(0))),
  strategy: fc.record({ type: fc.constant('steps'), steps: runSteps }),
  timeout: rarely(stepsTimeout),
  rollback: fc.record({ alarms: alarms }),
  analysis: checks(['Invocation5XXErrors', 'ModelLatency', 'Invocations']),
});

/** A valid Vertex AI endpoint and model, for the files that vary what they do with it. */
const vertexTarget = {
  version: fc.constant(1),
  provider: fc.constant('vertex-ai'),
  project: fc.constant('acme-ml'),
  location: fc.constant('us-central1'),
  endpoint: fc.constant('1234567890'),
  model: fc.constant('projects/p/locations/l/models/m@2'),
};

const vertexSteps = fc.record({
  ...vertexTarget,
  previousDeployedModel: rarely(fc.constantFrom('987', '1001')),
  otherDeployedModels: rarely(
    usually(
      fc.uniqueArray(fc.integer({ min: 1000, max: 1020 }).map(String), { minLength: 1, maxLength: 10 }),
      fc.uniqueArray(fc.integer({ min: 1000, max: 1020 }).map(String), { maxLength: 14 }),
    ),
  ),
  capacity: rarely(fc.integer({ min: 1, max: 40 })),
  strategy: fc.record({ type: fc.constant('steps'), steps: runSteps }),
  timeout: rarely(stepsTimeout),
  analysis: checks(['prediction/online/error_count', 'prediction/online/prediction_latencies']),
});

// An inference component (rolling its copies) and a Vertex AI rolling update with analysis checks.
const inferenceComponent = fc.record({
  version: fc.constant(1),
  provider: fc.constant('sagemaker'),
  endpoint: name,
  inferenceComponent: name,
  model: name,
  copies: rarely(usually(fc.integer({ min: 1, max: 40 }), fc.constantFrom(0, 10001))),
  strategy: usually<Record<string, unknown>>(
    fc.record({ type: fc.constant('rolling'), batch: share, bake: rarely(bake) }),
    fc.record({ type: fc.constantFrom('canary', 'steps', 'retain'), size: rarely(share) }),
  ),
  timeout: rarely(timeout),
  rollback: fc.record({ alarms: alarms, batch: rarely(share) }),
});

const vertexRollingChecks = fc.record({
  ...vertexTarget,
  capacity: rarely(fc.integer({ min: 1, max: 40 })),
  strategy: fc.record({
    type: fc.constant('rolling'),
    maxSurge: usually(fc.constantFrom<string | number>(1, '25%'), wildSize),
    maxUnavailable: usually(fc.constantFrom<string | number>(0, 1), wildSize),
  }),
  timeout: rarely(timeout),
  analysis: checks(['prediction/online/error_count', 'prediction/online/replicas']),
});

/** Drops keys whose value is undefined, as a file would simply not have them. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, prune(v)]),
  );
}

test('generated documents never throw, and what the rules accept the JSON Schema accepts', () => {
  let accepted = 0;
  fc.assert(
    fc.property(
      fc.oneof(sageMaker, vertex, sageMakerSteps, vertexSteps, inferenceComponent, vertexRollingChecks),
      fc.boolean(),
      (doc, asJson) => {
        const plain = prune(doc);
        const text = asJson ? JSON.stringify(plain, null, 2) : stringify(plain);
        const { diagnostics } = total(text, asJson ? 'g.rollout.json' : 'g.rollout.yaml');
        if (!diagnostics.some((d) => d.severity === 'error')) accepted++;
      },
    ),
    { numRuns: 2000 },
  );
  // The property means little unless the rules accept a fair share of the generated files.
  assert.ok(accepted > 200, `only ${accepted} generated documents were accepted`);
});
