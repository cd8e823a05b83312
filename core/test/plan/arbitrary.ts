import fc from 'fast-check';

// Random VALID rollout files (no errors; warnings such as rounding allowed), as YAML text: the input of the
// planner's property tests, the mermaid test and the plan benchmark.

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const alarms = fc.uniqueArray(name, { minLength: 1, maxLength: 4 });

/** A percent in [min, max], or a count whose share of `capacity` lies in [min, max] when there is one. */
function size(capacity: number, min: number, max: number): fc.Arbitrary<string> {
  const percent = fc.integer({ min, max }).map((p) => `'${p}%'`);
  const lo = Math.ceil((capacity * min) / 100);
  const hi = Math.floor((capacity * max) / 100);
  return lo >= 1 && lo <= hi ? fc.oneof(percent, fc.integer({ min: lo, max: hi }).map(String)) : percent;
}

const sageMaker = fc
  .record({
    capacity: fc.integer({ min: 2, max: 60 }),
    type: fc.constantFrom('all-at-once', 'canary', 'linear', 'rolling', 'retain'),
    bake: fc.integer({ min: 0, max: 1200 }),
    terminationWait: fc.integer({ min: 0, max: 3600 }),
    endpoint: name,
    config: name,
    alarms,
    margin: fc.integer({ min: 600, max: 3600 }),
  })
  .chain((r) =>
    (r.type === 'canary'
      ? size(r.capacity, 1, 50)
      : r.type === 'linear'
        ? size(r.capacity, 10, 50)
        : r.type === 'rolling'
          ? size(r.capacity, 5, 50)
          : fc.constant('')
    ).map((s) => ({ ...r, size: s })),
  )
  // Steps and batches are at most `capacity`: bakes this short keep them and the termination wait within 8 h.
  .map((r) => ({ ...r, bake: Math.min(r.bake, Math.floor((28800 - 600 - 3600) / r.capacity)) }))
  .map((r) => {
    const key = r.type === 'canary' ? 'size' : r.type === 'linear' ? 'step' : 'batch';
    const strategy =
      r.type === 'all-at-once' || r.type === 'retain'
        ? `  type: ${r.type}\n`
        : `  type: ${r.type}\n  ${key}: ${r.size}\n  bake: ${r.bake}\n`;
    const wait = r.type === 'rolling' || r.type === 'retain' ? '' : `terminationWait: ${r.terminationWait}\n`;
    const timeout = r.type === 'retain' ? '' : `timeout: 28800\n`;
    const rollback = r.type === 'retain' ? '' : `rollback:\n  alarms: [${r.alarms.join(', ')}]\n`;
    return `version: 1\nprovider: sagemaker\nendpoint: ${r.endpoint}\nendpointConfig: ${r.config}\ncapacity: ${r.capacity}\nstrategy:\n${strategy}${wait}${timeout}${rollback}`;
  });

type VertexSize = { count: number } | { percent: number };
const vertexSize = (max: number): fc.Arbitrary<VertexSize> =>
  fc.oneof(
    fc.integer({ min: 0, max }).map((count) => ({ count })),
    fc.integer({ min: 0, max: 99 }).map((percent) => ({ percent })),
  );
const text = (s: VertexSize) => ('count' in s ? String(s.count) : `'${s.percent}%'`);
/** Surge rounds up, unavailable down: the arithmetic the `vertex-surge` rule checks for progress. */
const replicas = (s: VertexSize, capacity: number, round: (n: number) => number) =>
  'count' in s ? s.count : round((capacity * s.percent) / 100);

const vertex = fc
  .record({
    capacity: fc.integer({ min: 1, max: 40 }),
    surge: vertexSize(5),
    unavailable: vertexSize(5),
    endpoint: fc.bigInt({ min: 1n, max: 10n ** 18n }),
  })
  .filter(
    (r) => replicas(r.surge, r.capacity, Math.ceil) + replicas(r.unavailable, r.capacity, Math.floor) >= 1,
  )
  .map(
    (r) =>
      `version: 1\nprovider: vertex-ai\nproject: acme-ml\nlocation: us-central1\nendpoint: '${r.endpoint}'\n` +
      `model: projects/acme-ml/locations/us-central1/models/m\ncapacity: ${r.capacity}\n` +
      `strategy:\n  type: rolling\n  maxSurge: ${text(r.surge)}\n  maxUnavailable: ${text(r.unavailable)}\ntimeout: 1h\n`,
  );

/** A valid rollout file of any provider and strategy. */
export const validRolloutText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: sageMaker },
  { weight: 1, arbitrary: vertex },
);
