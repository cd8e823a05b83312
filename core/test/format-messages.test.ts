// A message that gives an example of what to write gives it in the file's own syntax: 'size: 10%' in YAML,
// "size": "10%" in JSON (core/src/parse/example.ts). Each row is a YAML file, checked as written and as
// pretty-printed JSON: the finding's message holds the example in each syntax, and never the other's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { example } from '../src/parse/example.js';
import { validateRollout } from '../src/validate.js';
import { jsonForms } from './support/json-forms.js';

const head = 'version: 1\nprovider: sagemaker\nendpoint: e\n';
const steps = `${head}model: m\ncapacity: 4\nstrategy:\n  type: steps\n  steps:\n`;
const alarms = 'rollback:\n  alarms: [a]\n';

const rows: [what: string, code: string, yaml: string, inYaml: string, inJson: string][] = [
  [
    'a missing size',
    'required',
    `${head}endpointConfig: c\nstrategy:\n  type: canary\n  bake: 10m\n${alarms}`,
    "for example 'size: 10%'",
    'for example "size": "10%"',
  ],
  [
    'missing steps',
    'required',
    `${head}model: m\ncapacity: 4\nstrategy:\n  type: steps\n${alarms}`,
    "for example 'steps: [{traffic: 10%, bake: 10m}, {traffic: 100%, bake: 10m}]'",
    'for example "steps": [{"traffic": "10%", "bake": "10m"}, {"traffic": "100%", "bake": "10m"}]',
  ],
  [
    'a step that is not a mapping',
    'wrong-type',
    `${steps}    - 10%\n    - traffic: 100%\n${alarms}`,
    "a step is 'traffic: 10%' with a 'bake', or 'pause: manual'",
    `a step is "traffic": "10%" with a 'bake', or "pause": "manual"`,
  ],
  [
    'a step with neither traffic nor pause',
    'required',
    `${steps}    - bake: 10m\n    - traffic: 100%\n${alarms}`,
    "for example 'traffic: 10%' with 'bake: 10m', or 'pause: manual'",
    'for example "traffic": "10%" with "bake": "10m", or "pause": "manual"',
  ],
  [
    'steps that are not a list',
    'wrong-type',
    `${head}model: m\ncapacity: 4\nstrategy:\n  type: steps\n  steps: 10%\n${alarms}`,
    "a list of steps: '- traffic: 10%' with a 'bake', or '- pause: manual'",
    `a list of steps: {"traffic": "10%"} with a 'bake', or {"pause": "manual"}`,
  ],
  [
    'a check that reads no metric',
    'analysis-query',
    `${steps}    - traffic: 100%\n${alarms}analysis:\n  - name: c\n    period: 1m\n    max: 0\n`,
    "add 'metric: Invocation5XXErrors'",
    'add "metric": "Invocation5XXErrors"',
  ],
  [
    'a check with neither max nor min',
    'analysis-threshold',
    `${steps}    - traffic: 100%\n${alarms}analysis:\n  - name: c\n    metric: Invocations\n    period: 1m\n`,
    "add 'max: 0' (above is a breach)",
    'add "max": 0 (above is a breach)',
  ],
  [
    'a bake over 24 hours',
    'steps-wait',
    `${steps}    - traffic: 10%\n      bake: 25h\n    - traffic: 100%\n${alarms}`,
    "use 'pause: manual' and promote",
    'use "pause": "manual" and promote',
  ],
  [
    'steps with no model',
    'required',
    `${head}capacity: 4\nstrategy:\n  type: steps\n  steps:\n    - traffic: 100%\n${alarms}`,
    "add 'model: my-model'",
    'add "model": "my-model"',
  ],
];

for (const [what, code, yaml, inYaml, inJson] of rows)
  for (const [form, text, fileName, want, not] of [
    ['YAML', yaml, 'a.rollout.yaml', inYaml, inJson],
    ['JSON', jsonForms(yaml)[0] ?? '', 'a.rollout.json', inJson, inYaml],
  ] as const)
    test(`${what} (${form}): the example is written in ${form}`, () => {
      const messages = validateRollout(text, { fileName })
        .diagnostics.filter((d) => d.code === code)
        .map((d) => d.message);
      assert.ok(
        messages.some((m) => m.includes(want)),
        `${messages.join('\n')}\n  should hold ${want}`,
      );
      assert.ok(!messages.some((m) => m.includes(not)), messages.join('\n'));
    });

test('example: YAML quoted as a name is, JSON as JSON writes it', () => {
  const cases: [yaml: string, json: boolean, written: string][] = [
    ['size: 10%', false, "'size: 10%'"],
    ['size: 10%', true, '"size": "10%"'],
    ['max: 0', true, '"max": 0'],
    ["endpoint: '1234567890'", true, '"endpoint": "1234567890"'],
    ['- pause: manual', true, '{"pause": "manual"}'],
    ['steps: [{traffic: 10%, bake: 10m}]', true, '"steps": [{"traffic": "10%", "bake": "10m"}]'],
  ];
  for (const [yaml, json, written] of cases) assert.equal(example(yaml, json), written);
});
