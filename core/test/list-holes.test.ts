// Rules over lists judge entry by entry: an alarm, step or check that does not read (`123` for a name, `bake: 10
// min`, `max: abc`) silences only what depends on it, never the rule's words on the other entries
// (core/src/rules/holes.ts: judgeEntries, readableEntries). Rows: the file, and every finding as
// `code@line: words of its message`, the reader's and the rules' side by side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lineIndex } from '../src/index.js';
import { unread } from '../src/parse/reader.js';
import { judgeEntries, readableEntries, watchHoles } from '../src/rules/holes.js';
import { validateRollout } from '../src/validate.js';

const sageMaker = (alarms: string) => `version: 1
provider: sagemaker
endpoint: e
endpointConfig: c
strategy:
  type: canary
  size: 10%
  bake: 10m
rollback:
  alarms: ${alarms}
`;

/** A SageMaker steps file: the steps as YAML lines under `steps:`, and what follows them. */
const steps = (lines: string, more = 'rollback:\n  alarms: [a]\n') => `version: 1
provider: sagemaker
endpoint: e
model: m
capacity: 4
strategy:
  type: steps
  steps:
${lines}${more}`;

/** A steps file with the checks as YAML lines under `analysis:`. */
const checks = (lines: string) => steps('    - traffic: 100%\n      bake: 10m\n', `analysis:\n${lines}`);

const vertex = (others: string) => `version: 1
provider: vertex-ai
project: acme-ml
location: us-central1
endpoint: '1234567890'
model: projects/p/locations/us-central1/models/m
otherDeployedModels: ${others}
strategy:
  type: steps
  steps:
    - traffic: 100%
      bake: 10m
analysis:
  - name: errors
    metric: prediction/online/error_count
    period: 1m
    max: 0
`;

const names = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`).join(', ');

const rows: [rule: string, what: string, text: string, found: string[]][] = [
  [
    'alarm-duplicate',
    'a name twice beside one written 123',
    sageMaker('[a, 123, a]'),
    [
      "wrong-type@10: 'rollback.alarms.1' is not a string",
      "alarm-duplicate@10: alarm 'a' is listed twice (also item 1)",
    ],
  ],
  [
    'alarm-name',
    'a blank name beside an empty one',
    sageMaker("[' ', ~]"),
    ['alarm-name@10: alarm 1 is blank', "wrong-type@10: 'rollback.alarms.1' is empty"],
  ],
  // A count is judged when the names that read are too many already: an unread item may be a slip to remove.
  [
    'alarm-count',
    '10 names and 123',
    sageMaker(`[${names(10)}, 123]`),
    ["wrong-type@10: 'rollback.alarms.10' is not a string"],
  ],
  [
    'alarm-count',
    '11 names and 123',
    sageMaker(`[${names(11)}, 123]`),
    [
      "alarm-count@10: 'rollback.alarms' lists 11 alarm names (and 1 item that does not read); SageMaker takes at most 10",
      "wrong-type@10: 'rollback.alarms.11' is not a string",
    ],
  ],
  [
    'analysis-threshold',
    'min ≥ max in check 2 beside max: abc in check 1',
    checks(
      '  - name: a\n    metric: Invocations\n    period: 1m\n    max: abc\n    min: 5\n' +
        '  - name: b\n    metric: Invocations\n    period: 1m\n    max: 1\n    min: 5\n',
    ),
    [
      "wrong-type@15: 'analysis.0.max' is a string",
      "analysis-threshold@21: check 'b' has min 5 at or above max 1",
    ],
  ],
  [
    'analysis-threshold',
    'a failureLimit of 0 in the check whose period did not read (the limit does not depend on it)',
    checks('  - name: a\n    metric: Invocations\n    period: 5 min\n    max: 1\n    failureLimit: 0\n'),
    ["bad-duration@14: 'analysis.0.period'", "analysis-threshold@16: check 'a' has failureLimit 0"],
  ],
  [
    'analysis-name',
    'a name taken twice, the first check with a max that did not read',
    checks(
      '  - name: a\n    metric: Invocations\n    period: 1m\n    max: abc\n' +
        '  - name: a\n    metric: Invocations\n    period: 1m\n    max: 1\n',
    ),
    ["wrong-type@15: 'analysis.0.max' is a string", "analysis-name@16: check name 'a' is taken by check 1"],
  ],
  [
    'analysis-name',
    'no clash with a name that did not read',
    checks(
      '  - name: 12\n    metric: Invocations\n    period: 1m\n    max: 1\n' +
        '  - name: a\n    metric: Invocations\n    period: 1m\n    max: 1\n',
    ),
    ["wrong-type@12: 'analysis.0.name' is an integer"],
  ],
  [
    'analysis-metric',
    'an unknown metric beside a period that did not read',
    checks('  - name: a\n    metric: Invocation5XXError\n    period: 5 min\n    max: 1\n'),
    [
      "analysis-metric@13: 'analysis.0.metric': 'Invocation5XXError' is not a metric",
      "bad-duration@14: 'analysis.0.period'",
    ],
  ],
  [
    'analysis-expression',
    'a bad expression in check 2 beside a check that did not read',
    checks(
      '  - name: a\n    metric: Invocations\n    period: 1m\n    max: abc\n' +
        "  - name: b\n    expression: 'new.Invocations / canary.Invocations'\n    period: 1m\n    max: 1\n",
    ),
    ["wrong-type@15: 'analysis.0.max' is a string", "analysis-expression@17: 'analysis.1.expression'"],
  ],
  [
    'analysis-period',
    'a period of 90 s in check 2 beside max: abc in check 1',
    checks(
      '  - name: a\n    metric: Invocations\n    period: 1m\n    max: abc\n' +
        '  - name: b\n    metric: Invocations\n    period: 90s\n    max: 1\n',
    ),
    ["wrong-type@15: 'analysis.0.max' is a string", "analysis-period@18: 'analysis.1.period' is 90 s"],
  ],
  [
    'steps-order',
    'a step below an earlier one, a step between them with a bad bake',
    steps(
      '    - traffic: 25%\n      bake: 10m\n    - traffic: 50%\n      bake: 10 min\n    - traffic: 10%\n    - traffic: 100%\n',
    ),
    [
      "bad-duration@12: 'strategy.steps.1.bake'",
      "steps-order@13: 'strategy.steps.2.traffic' (step 3) is 10%, not above the 25%",
    ],
  ],
  [
    'steps-order',
    'the last step that reads is not 100%, one after it did not read (it may be the 100%)',
    steps('    - traffic: 5%\n    - traffic: abc\n'),
    ["bad-size@10: 'strategy.steps.1.traffic'"],
  ],
  [
    'steps-order',
    'the last step is not 100%, a step before it did not read',
    steps('    - traffic: abc\n    - traffic: 50%\n'),
    ["bad-size@9: 'strategy.steps.0.traffic'", 'steps-order@10: the last traffic step is 50%'],
  ],
  [
    'steps-order',
    'only pauses that read, and a step that did not (it may be traffic)',
    steps('    - pause: manual\n    - traffic: abc\n'),
    ["bad-size@10: 'strategy.steps.1.traffic'"],
  ],
  [
    'steps-gate',
    'two manual pauses in a row beside a step with a bad bake',
    steps(
      '    - traffic: 10%\n      bake: 10 min\n    - pause: manual\n    - pause: manual\n    - traffic: 100%\n',
    ),
    ["bad-duration@10: 'strategy.steps.0.bake'", 'steps-gate@12: step 3 is a second manual pause in a row'],
  ],
  [
    'steps-gate',
    'a manual pause after a step that did not read: not "in a row"',
    steps(
      '    - traffic: 10%\n    - pause: manual\n    - pause: 10 min\n    - pause: manual\n    - traffic: 100%\n',
    ),
    ["bad-duration@11: 'strategy.steps.2.pause'"],
  ],
  [
    'steps-gate',
    'a manual pause after the last traffic step, a step before it did not read',
    steps('    - traffic: 10%\n      bake: 10 min\n    - traffic: 100%\n    - pause: manual\n'),
    ["bad-duration@10: 'strategy.steps.0.bake'", 'steps-gate@12: step 3 pauses after the last traffic step'],
  ],
  [
    'steps-gate',
    'a manual pause before a step that did not read (it may be traffic)',
    steps('    - traffic: 100%\n    - pause: manual\n    - traffic: abc\n'),
    ["bad-size@11: 'strategy.steps.2.traffic'"],
  ],
  [
    'steps-wait',
    'a bake of 25 h beside a bake that did not read',
    steps('    - traffic: 10%\n      bake: 25h\n    - traffic: 100%\n      bake: 10 min\n'),
    [
      "steps-wait@10: 'strategy.steps.0.bake' (step 1) is 90000 s",
      "bad-duration@12: 'strategy.steps.1.bake'",
    ],
  ],
  [
    'vertex-previous',
    'no previousDeployedModel, others with an ID written as a number',
    vertex("[7, '8']"),
    [
      'vertex-previous@7: the endpoint serves 2 or more models (otherDeployedModels names 1 that read)',
      "wrong-type@7: 'otherDeployedModels.0' is not a string",
    ],
  ],
];

for (const [rule, what, text, found] of rows)
  test(`${rule}: ${what}`, () => {
    const { value, diagnostics } = validateRollout(text, { fileName: 'a.rollout.yaml' });
    assert.equal(value, undefined);
    const index = lineIndex(text);
    const said = diagnostics.map(
      (d) => `${d.code}@${index.positionAt(d.range.start).line + 1}: ${d.message}`,
    );
    assert.equal(said.length, found.length, said.join('\n'));
    for (const [i, start] of found.entries())
      assert.ok(said[i]?.startsWith(start), `${said.join('\n')}\n  should start ${start}`);
  });

test('judgeEntries keeps what it says of the entries that read, and notes no hole', () => {
  const model = {
    checks: [{ max: unread as number, min: 5 }, { max: 1, min: 5 }, unread as { max: number; min: number }],
  };
  const watch = watchHoles(model);
  const said = judgeEntries(watch.view.checks, (c, i) => (c.min >= c.max ? [i] : []));
  assert.deepEqual(said, [1]);
  assert.equal(watch.readHole(), false);
  // A throw after a hole was read is that entry's silence.
  const thrown = judgeEntries(watch.view.checks, (c, i) => {
    if (c.max === undefined) throw new Error('no max');
    return [i];
  });
  assert.deepEqual(thrown, [1]);
  assert.equal(watch.readHole(), false);
  // Without a watch: every entry.
  assert.deepEqual(
    judgeEntries([{ max: 1 }, { max: 2 }], (c) => [c.max]),
    [1, 2],
  );
});

test('readableEntries gives undefined in the place of an entry that holds a hole, and notes none', () => {
  const model = { alarms: ['a', unread as string, 'a'], checks: [{ max: unread as number }, { max: 1 }] };
  const watch = watchHoles(model);
  assert.deepEqual(readableEntries(watch.view.alarms), ['a', undefined, 'a']);
  assert.deepEqual(
    readableEntries(watch.view.checks).map((c) => c?.max),
    [undefined, 1],
  );
  assert.equal(watch.readHole(), false);
  // Reading the list any other way still notes the hole.
  void [...watch.view.alarms];
  assert.equal(watch.readHole(), true);
});

// The property behind the rows: a hole never makes a rule say more. A generated steps file, and the same file with
// one value of one alarm, step or check made unreadable: every finding of the second, off the line of that value,
// is one of the first (by code and line), whatever the value was.
const percent = fc.integer({ min: 0, max: 110 }).map((p) => `${p}%`);
const step = fc.oneof(
  fc.record({ traffic: percent, bake: fc.constantFrom<string | number>(0, 600, '10m', '25h') }),
  fc.record({ pause: fc.constantFrom<string | number>('manual', '1h', 0) }),
);
const check = fc.record({
  name: fc.constantFrom('a', 'b', 'bad name'),
  metric: fc.constantFrom('Invocations', 'Invocation5XXError'),
  period: fc.constantFrom<string | number>('1m', 90, '2m'),
  max: fc.constantFrom(0, 1, 10, undefined),
  min: fc.constantFrom(5, undefined),
  failureLimit: fc.constantFrom(1, 0, undefined),
});
const file = fc.record({
  alarms: fc.array(fc.constantFrom('a', 'b', 'c', ' '), { maxLength: 12 }),
  steps: fc.array(step, { minLength: 1, maxLength: 6 }),
  checks: fc.array(check, { maxLength: 3 }),
});
/** Which value to make unreadable: a list, an index into it (modulo its length), and for a check which field. */
const hole = fc.record({
  list: fc.constantFrom('alarms', 'steps', 'checks'),
  at: fc.nat(),
  field: fc.constantFrom('name', 'max', 'period', 'metric'),
});

/** The file as YAML: block lists, one value a line. */
function text(doc: { alarms: unknown[]; steps: unknown[]; checks: unknown[] }): string {
  return stringify(
    {
      version: 1,
      provider: 'sagemaker',
      endpoint: 'e',
      model: 'm',
      capacity: 4,
      strategy: { type: 'steps', steps: doc.steps },
      ...(doc.alarms.length > 0 && { rollback: { alarms: doc.alarms } }),
      ...(doc.checks.length > 0 && { analysis: doc.checks }),
    },
    { flowCollectionPadding: false },
  );
}

/** Each finding as `code@line`, at the line where its range ends. */
function findings(source: string): string[] {
  const index = lineIndex(source);
  return validateRollout(source, { fileName: 'g.rollout.yaml' }).diagnostics.map(
    (d) => `${d.code}@${index.positionAt(d.range.end).line}`,
  );
}

test('a value made unreadable in a list never adds a finding elsewhere', () => {
  fc.assert(
    fc.property(file, hole, (doc, h) => {
      const list = (
        h.list === 'checks' ? doc.checks : h.list === 'steps' ? doc.steps : doc.alarms
      ) as unknown[];
      if (list.length === 0) return;
      const i = h.at % list.length;
      const holed = structuredClone(doc) as typeof doc;
      const entries = (
        h.list === 'checks' ? holed.checks : h.list === 'steps' ? holed.steps : holed.alarms
      ) as unknown[];
      const entry = entries[i] as Record<string, unknown>;
      // In place of a value the file has: a key added would move the lines below it.
      if (h.list === 'checks' && entry[h.field] === undefined) return;
      if (h.list === 'alarms') entries[i] = 123;
      else if (h.list === 'checks')
        entry[h.field] = h.field === 'name' ? 12 : h.field === 'max' ? 'abc' : '5 min';
      else if ('traffic' in entry) entry.bake = '10 min';
      else entry.pause = 'later';
      const before = text(doc);
      const after = text(holed);
      // The line of the value made unreadable: the first line where the two files differ.
      const [a, b] = [before.split('\n'), after.split('\n')];
      const line = a.findIndex((l, n) => l !== b[n]);
      const said = new Set(findings(before));
      for (const f of findings(after))
        if (!f.endsWith(`@${line}`))
          assert.ok(said.has(f), `${f} is new\n--- before ---\n${before}\n--- after ---\n${after}`);
    }),
    { numRuns: 400 },
  );
});
