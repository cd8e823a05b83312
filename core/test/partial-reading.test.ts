// A file whose reading stops at a finding (a bad duration, a missing key, a wrong type) still gets the findings of
// every rule that reads none of the values that did not read: the model is built with holes, and a rule that reads
// one is not heard (core/src/rules/holes.ts). So one error no longer hides the others, and no rule speaks of a
// value it could not read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unread } from '../src/parse/reader.js';
import { watchHoles } from '../src/rules/holes.js';
import { validateRollout } from '../src/validate.js';

const canary = ({
  endpoint = 'fraud-detector',
  size = '10%',
  bake = '10m',
  alarms = '[fraud-5xx]',
  more = '',
}) =>
  `version: 1
provider: sagemaker
endpoint: ${endpoint}
endpointConfig: fraud-detector-v42
${more}strategy:
  type: canary
  size: ${size}
  bake: ${bake}
rollback:
  alarms: ${alarms}
`;

const steps = `version: 1
provider: sagemaker
endpoint: my_endpoint!
model: fraud-model-v43
capacity: 4
strategy:
  type: steps
  steps:
    - traffic: 10%
      bake: 10 min
    - traffic: 100%
      bake: 10m
rollback:
  alarms: [a, a]
`;

const vertex = `version: 1
provider: vertex-ai
project: p
location: us-central1
endpoint: '1234567890'
model: projects/my-project/locations/us-central1/models/fraud
strategy:
  type: rolling
  maxSurge: lots
  maxUnavailable: 0
`;

const analysisSteps = `version: 1
provider: sagemaker
endpoint: e
model: m
capacity: 4
strategy:
  type: steps
  steps:
    - traffic: 100%
      bake: 10m
analysis:
  - name: c
    metric: Invocation5XXErrors
    period: 1m
`;

/** The file, and the codes of its findings in order: the reader's and the rules' side by side. */
const rows: [what: string, text: string, codes: string[]][] = [
  [
    'a bad bake and a bad endpoint name',
    canary({ endpoint: 'my_endpoint!', bake: '10 min' }),
    ['resource-name', 'bad-duration'],
  ],
  [
    'a bad bake hides no canary size, and bake-range is not asked',
    canary({ size: '60%', bake: '2 hours' }),
    ['canary-size', 'bad-duration'],
  ],
  [
    'a bad size and an alarm listed twice',
    canary({ size: 'ten', alarms: '[a, a]' }),
    ['bad-size', 'alarm-duplicate'],
  ],
  [
    'a missing endpoint and a canary too large',
    canary({ size: '60%' }).replace(/^endpoint: .*\n/m, ''),
    ['required', 'canary-size'],
  ],
  // timeout-budget reads the timeout: it says nothing of one it could not read.
  ['a bad timeout with long bakes', canary({ bake: '1h', more: 'timeout: ten minutes\n' }), ['bad-duration']],
  // canary-size reads the capacity in force, which would be the file's: not heard.
  ['a bad capacity and a 1% canary', canary({ size: '1%', more: 'capacity: four\n' }), ['wrong-type']],
  [
    'an unknown strategy type',
    canary({ endpoint: 'my_endpoint!', size: '60%', alarms: '[a, a]' }).replace(
      'type: canary',
      'type: canery',
    ),
    ['resource-name', 'unknown-value', 'alarm-duplicate'],
  ],
  [
    'an alarm list with a mapping in it',
    canary({ size: '60%', alarms: '[a, {b: 1}]' }),
    ['canary-size', 'wrong-type'],
  ],
  ['a bad step among steps', steps, ['resource-name', 'bad-duration', 'alarm-duplicate']],
  ['Vertex AI: a bad maxSurge and a bad project', vertex, ['resource-name', 'bad-size']],
  // Every rule reads the provider: a misspelt one leaves only its own finding.
  [
    'a misspelt provider',
    canary({ endpoint: 'my_endpoint!', size: '60%' }).replace('provider: sagemaker', 'provider: sagemker'),
    ['unknown-value'],
  ],
  // One rule per name: a name that does not read hides no other name's finding.
  [
    'a bad name beside a bad endpoint name',
    canary({ endpoint: 'fraud_detector', more: 'name: [fraud]\n' }),
    ['resource-name', 'wrong-type'],
  ],
  [
    'endpointConfig of the wrong type beside a bad endpoint name',
    canary({ endpoint: 'fraud_detector prod!' }).replace(
      'endpointConfig: fraud-detector-v42',
      'endpointConfig: 42',
    ),
    ['resource-name', 'wrong-type'],
  ],
  [
    'Vertex AI: a model of the wrong type beside a bad project',
    vertex
      .replace('maxSurge: lots', 'maxSurge: 1')
      .replace('model: projects/my-project/locations/us-central1/models/fraud', 'model: 17'),
    ['resource-name', 'wrong-type'],
  ],
  // timeout-budget times the schedule, which no name or alarm decides.
  [
    'a bad region beside a timeout the bakes outlast',
    canary({ more: 'region: 1.5\ntimeout: 5m\n' }),
    ['wrong-type', 'timeout-budget', 'timeout-range'],
  ],
  // Version 1 written as a string: its keys mean what version 1's do.
  [
    "version '1' beside a bad endpoint name",
    canary({ endpoint: 'my_endpoint!' }).replace('version: 1', "version: '1'"),
    ['unknown-value', 'resource-name'],
  ],
  // Checks apply to either Vertex AI strategy: read, and judged, whatever the type says.
  [
    'Vertex AI: an unknown strategy type, and a check with a bad period',
    vertex.replace('maxSurge: lots', 'maxSurge: 1').replace('type: rolling', 'type: rollin') +
      'analysis:\n  - name: new-errors\n    metric: prediction/online/error_count\n    period: 5 min\n',
    ['resource-name', 'unknown-value', 'analysis-threshold', 'bad-duration'],
  ],
  // A misspelt key of a step or check says what is meant, once: not also "neither traffic nor pause", "reads no
  // metric" or "neither max nor min". And one item's misspelling never hides another item's missing key.
  [
    'a misspelt pause',
    steps
      .replace('    - traffic: 100%', '    - pase: manual\n    - traffic: 100%')
      .replace('bake: 10 min', 'bake: 10m')
      .replace('my_endpoint!', 'e')
      .replace('[a, a]', '[a]'),
    ['unknown-key'],
  ],
  ['a misspelt max', `${analysisSteps}    mx: 0\n`, ['unknown-key']],
  ['a misspelt metric', `${analysisSteps.replace('metric:', 'metrc:')}    max: 0\n`, ['unknown-key']],
  [
    'a misspelt name in check 1, none in check 2',
    `${analysisSteps.replace('name: c', 'nme: c')}    max: 0\n  - metric: Invocations\n    period: 1m\n    max: 0\n`,
    ['unknown-key', 'required'],
  ],
  // Another format may mean other things by the same keys: no rule judges it.
  [
    'version 2',
    canary({ endpoint: 'my_endpoint!', size: '60%' }).replace('version: 1', 'version: 2'),
    ['unknown-value'],
  ],
];

for (const [what, text, codes] of rows)
  test(`partial reading: ${what}`, () => {
    const { value, diagnostics } = validateRollout(text, { fileName: 'a.rollout.yaml' });
    assert.equal(value, undefined);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      codes,
    );
  });

test('a hole reads as undefined and is noted; values around it are not', () => {
  const model = { strategy: { size: { kind: 'percent', percent: 10 }, bakeSeconds: unread as number } };
  const around = watchHoles(model);
  assert.equal(around.view.strategy.size.percent, 10);
  assert.equal(around.readHole(), false);
  const at = watchHoles(model);
  assert.equal(at.view.strategy.bakeSeconds, undefined);
  assert.equal(at.readHole(), true);
});

test('spreading, iterating, `in` and JSON all note a hole they meet', () => {
  const model = { list: [1, unread as number, 3], object: { a: 1, b: unread as number } };
  const reads: ((view: typeof model) => unknown)[] = [
    (v) => ({ ...v.object }),
    (v) => [...v.list],
    (v) => v.list.map((n) => n * 2),
    (v) => 'b' in v.object,
    (v) => JSON.stringify(v),
    (v) => Object.values(v.object),
  ];
  for (const read of reads) {
    const watch = watchHoles(model);
    read(watch.view);
    assert.equal(watch.readHole(), true, String(read));
  }
});

test('an object a frozen one holds is given as it is (a proxy must), and reading it throws nothing', () => {
  const limits = Object.freeze({ canary: { max: 50 } });
  const watch = watchHoles({ limits });
  assert.equal(watch.view.limits.canary, limits.canary);
  assert.equal(watch.view.limits.canary.max, 50);
  assert.equal(watch.readHole(), false);
});
