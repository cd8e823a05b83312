import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Fix, validateRollout } from '../src/index.js';
import { canaryText as base, exampleText } from './support/examples.js';
import { jsonForms } from './support/json-forms.js';

const vertexSteps = exampleText('vertex-steps.rollout.yaml');

// Each fix, applied as an editor would, must leave a file without the finding it fixes
// (and without new errors), in block YAML, flow YAML and JSON alike.

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

/** A case's `fixed`, when given, is the exact text the fix leaves (what a comment keeps, say). */
const cases: readonly {
  name: string;
  text: string;
  code: string;
  fileName?: string;
  fix?: number;
  fixed?: string;
}[] = [
  { name: 'clamp a canary to 50%', text: base.replace('size: 25%', 'size: 60%'), code: 'canary-size' },
  {
    name: 'clamp a count to half the capacity',
    text: base.replace('size: 25%', 'size: 3'),
    code: 'canary-size',
  },
  {
    name: 'clamp a bake, keeping its style',
    text: base.replace('bake: 10m', 'bake: 2h').replace('timeout: 1h', 'timeout: 2h'),
    code: 'bake-range',
  },
  {
    name: 'raise a timeout the bakes outlast',
    text: base.replace('bake: 10m', 'bake: 1h'),
    code: 'timeout-budget',
  },
  { name: 'rename a misspelt key', text: base.replace('bake:', 'bak:'), code: 'unknown-key' },
  { name: 'rename a misplaced step to size', text: base.replace('size:', 'step:'), code: 'misplaced-field' },
  {
    name: 'move an all-at-once bake to terminationWait',
    text: base
      .replace('  type: canary\n  size: 25%\n', '  type: all-at-once\n')
      .replace('terminationWait: 10m\n', ''),
    code: 'misplaced-field',
  },
  {
    name: 'remove terminationWait from a rolling update',
    text: base.replace('  type: canary\n  size: 25%\n', '  type: rolling\n  batch: 25%\n'),
    code: 'misplaced-field',
  },
  {
    name: 'move the last bake out of a flow mapping whose comment ends with a comma: the comment keeps it',
    text: base
      .replace(
        'strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n',
        'strategy: {\n  type: all-at-once, # one, two,\n  bake: 10m\n}\n',
      )
      .replace('terminationWait: 10m\n', ''),
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed: base
      .replace(
        'strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n',
        'strategy: {\n  type: all-at-once, # one, two,\n}\n',
      )
      .replace('terminationWait: 10m\n', '')
      .concat('terminationWait: 10m\n'),
  },
  {
    name: 'move a bake with the comment that ends its line',
    text: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: all-at-once\n  bake: 10m   # keep me\n  # about the strategy\ntimeout: 1h # t\nrollback:\n  alarms: [a]\n',
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed:
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: all-at-once\n  # about the strategy\ntimeout: 1h # t\nrollback:\n  alarms: [a]\nterminationWait: 10m   # keep me\n',
  },
  {
    name: 'move a bake out of a flow root written a key a line: a line of its own after strategy (a comment after the comma stays)',
    text: '{\n  version: 1,\n  provider: sagemaker,\n  endpoint: e,\n  endpointConfig: c,\n  strategy: {\n    type: all-at-once,\n    bake: 10m, # on full capacity\n  },\n  rollback: { alarms: [a] }\n}\n',
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed:
      '{\n  version: 1,\n  provider: sagemaker,\n  endpoint: e,\n  endpointConfig: c,\n  strategy: {\n    type: all-at-once,\n    # on full capacity\n  },\n  "terminationWait": 10m,\n  rollback: { alarms: [a] }\n}\n',
  },
  {
    name: 'add a step to a flow mapping on one line, in its own spacing',
    text: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy: {type: linear, bake: 5m}   # flow\nrollback: {alarms: [a]}\n',
    code: 'required',
    fileName: 'x.rollout.yaml',
    fixed:
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy: {step: 20%, type: linear, bake: 5m}   # flow\nrollback: {alarms: [a]}\n',
  },
  { name: 'add a missing bake', text: base.replace('  bake: 10m\n', ''), code: 'required' },
  {
    name: 'add a missing endpoint',
    text: base.replace('endpoint: fraud-detector-prod\n', ''),
    code: 'required',
  },
  {
    name: 'add rollback alarms',
    text: base.replace('rollback:\n  alarms: [fraud-5xx, fraud-latency-p99]\n', ''),
    code: 'no-alarms',
  },
  {
    name: 'remove a duplicate alarm',
    text: base.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, latency, fraud-5xx]'),
    code: 'alarm-duplicate',
  },
  {
    name: 'write the count a percent rounds to',
    text: base.replace('size: 25%', 'size: 30%'),
    code: 'rounding',
  },
  {
    name: 'fix a provider typo',
    text: base.replace('provider: sagemaker', 'provider: sagemakr'),
    code: 'unknown-value',
  },
  { name: 'fix a near-miss duration', text: base.replace('bake: 10m', 'bake: 10 min'), code: 'bad-duration' },
  {
    name: 'fix a SageMaker name',
    text: base.replace('fraud-detector-prod', 'fraud_detector_prod'),
    code: 'resource-name',
  },
  {
    name: 'cut a Vertex AI name to a display name of 128 characters, emoji whole',
    text: vertexSteps.replace('name: sentiment', `name: "${'🚨'.repeat(200)}"`),
    code: 'resource-name',
  },
  {
    name: 'JSON: cut a Vertex AI name to 128 characters',
    text: JSON.stringify({
      version: 1,
      name: 'n'.repeat(129),
      provider: 'vertex-ai',
      project: 'acme-ml',
      location: 'us-central1',
      endpoint: '1234567890',
      model: 'projects/acme-ml/locations/us-central1/models/m@2',
      strategy: { type: 'rolling', maxSurge: 1, maxUnavailable: 0 },
    }),
    code: 'resource-name',
    fileName: 'x.rollout.json',
  },
  { name: 'insert a skeleton into an empty file', text: '', code: 'required' },
  {
    name: 'add missing steps: a list that reads, not an empty value',
    text: 'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy:\n  type: steps\ntimeout: 4h\nrollback:\n  alarms: [a]\n',
    code: 'required',
  },
  {
    name: 'JSON: insert a JSON skeleton into an empty .json file',
    text: '',
    code: 'required',
    fileName: 'x.rollout.json',
  },
  {
    name: 'JSON: rename, clamp and add',
    text: '{"version": 1, "provider": "sagemaker", "endpoint": "e", "model": "m", "capacity": 4, "strategy": {"type": "canary", "step": "10%", "bake": "1h"}, "rollback": {"alarms": ["a"]}}',
    code: 'misplaced-field',
    fileName: 'x.rollout.json',
  },
  {
    name: 'JSON: add a missing bake',
    text: '{"version": 1, "provider": "sagemaker", "endpoint": "e", "model": "m", "strategy": {"type": "canary", "size": "10%"}, "rollback": {"alarms": ["a"]}}',
    code: 'required',
    fileName: 'x.rollout.json',
  },
  {
    name: 'JSON written a key a line: the added key gets a line of its own, after the key it follows in the documented order',
    text: '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "strategy": { "type": "all-at-once" },\n  "rollback": { "alarms": ["a"] }\n}\n',
    code: 'one-target',
    fileName: 'x.rollout.json',
    fixed:
      '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "endpointConfig": "my-endpoint-config",\n  "strategy": { "type": "all-at-once" },\n  "rollback": { "alarms": ["a"] }\n}\n',
  },
  {
    name: 'JSON: a key added to a mapping on one line keeps its spacing',
    text: '{"version": 1, "provider": "sagemaker", "endpoint": "e", "model": "m", "strategy": { "type": "canary", "size": "10%" }, "rollback": {"alarms": ["a"]}}',
    code: 'required',
    fileName: 'x.rollout.json',
    fixed:
      '{"version": 1, "provider": "sagemaker", "endpoint": "e", "model": "m", "strategy": { "type": "canary", "size": "10%", "bake": "10m" }, "rollback": {"alarms": ["a"]}}',
  },
  {
    name: 'compact JSON: a key added in its spacing',
    text: '{"version":1,"provider":"sagemaker","endpoint":"e","model":"m","strategy":{"type":"canary","size":"10%"},"rollback":{"alarms":["a"]}}',
    code: 'required',
    fileName: 'x.rollout.json',
    fixed:
      '{"version":1,"provider":"sagemaker","endpoint":"e","model":"m","strategy":{"type":"canary","size":"10%","bake":"10m"},"rollback":{"alarms":["a"]}}',
  },
  {
    name: "JSON written a key a line: rollback alarms after the last key, in the file's indentation",
    text: '{\n    "version": 1,\n    "provider": "sagemaker",\n    "endpoint": "e",\n    "model": "m",\n    "strategy": {\n        "type": "all-at-once"\n    },\n    "timeout": "1h"\n}',
    code: 'no-alarms',
    fileName: 'x.rollout.json',
    fixed:
      '{\n    "version": 1,\n    "provider": "sagemaker",\n    "endpoint": "e",\n    "model": "m",\n    "strategy": {\n        "type": "all-at-once"\n    },\n    "timeout": "1h",\n    "rollback": {\n        "alarms": [\n            "e-5xx"\n        ]\n    }\n}',
  },
  {
    name: "JSON with mappings on one line: rollback alarms before a later key, on one line in the file's spacing",
    text: '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "model": "m",\n  "strategy": { "type": "all-at-once" },\n  "timeout": "1h",\n  "name": "n"\n}\n',
    code: 'no-alarms',
    fileName: 'x.rollout.json',
    fixed:
      '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "model": "m",\n  "strategy": { "type": "all-at-once" },\n  "timeout": "1h",\n  "rollback": { "alarms": ["e-5xx"] },\n  "name": "n"\n}\n',
  },
  {
    name: 'compact JSON: rollback alarms after the key they follow',
    text: '{"version":1,"provider":"sagemaker","endpoint":"e","model":"m","strategy":{"type":"all-at-once"}}',
    code: 'no-alarms',
    fileName: 'x.rollout.json',
    fixed:
      '{"version":1,"provider":"sagemaker","endpoint":"e","model":"m","strategy":{"type":"all-at-once"},"rollback":{"alarms":["e-5xx"]}}',
  },
  {
    name: 'JSON written with tabs: the missing steps after type, in tabs',
    text: '{\n\t"version": 1,\n\t"provider": "sagemaker",\n\t"endpoint": "e",\n\t"model": "m",\n\t"capacity": 4,\n\t"strategy": {\n\t\t"type": "steps"\n\t},\n\t"rollback": {\n\t\t"alarms": ["a"]\n\t}\n}\n',
    code: 'required',
    fileName: 'x.rollout.json',
    fixed:
      '{\n\t"version": 1,\n\t"provider": "sagemaker",\n\t"endpoint": "e",\n\t"model": "m",\n\t"capacity": 4,\n\t"strategy": {\n\t\t"type": "steps",\n\t\t"steps": [\n\t\t\t{\n\t\t\t\t"traffic": "10%",\n\t\t\t\t"bake": "10m"\n\t\t\t},\n\t\t\t{\n\t\t\t\t"traffic": "100%",\n\t\t\t\t"bake": "10m"\n\t\t\t}\n\t\t]\n\t},\n\t"rollback": {\n\t\t"alarms": ["a"]\n\t}\n}\n',
  },
  {
    name: 'a move to the top level from the last line of a file without a final line break leaves no blank line',
    text: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nrollback:\n  alarms: [a]\nstrategy:\n  type: canary\n  size: 10%\n  bake: 5m\n  terminationWait: 5m',
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed:
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nrollback:\n  alarms: [a]\nstrategy:\n  type: canary\n  size: 10%\n  bake: 5m\nterminationWait: 5m',
  },
  {
    name: 'a move to the top level from the last line of a file, with its comment and its final line break',
    text: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nrollback:\n  alarms: [a]\nstrategy:\n  type: canary\n  size: 10%\n  bake: 5m\n  terminationWait: 5m # drain\n',
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed:
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nrollback:\n  alarms: [a]\nstrategy:\n  type: canary\n  size: 10%\n  bake: 5m\nterminationWait: 5m # drain\n',
  },
  {
    name: 'an all-at-once bake moved to terminationWait from the last line, CRLF, no final line break',
    text: 'version: 1\r\nprovider: sagemaker\r\nendpoint: e\r\nendpointConfig: c\r\nrollback:\r\n  alarms: [a]\r\nstrategy:\r\n  type: all-at-once\r\n  bake: 5m',
    code: 'misplaced-field',
    fileName: 'x.rollout.yaml',
    fixed:
      'version: 1\r\nprovider: sagemaker\r\nendpoint: e\r\nendpointConfig: c\r\nrollback:\r\n  alarms: [a]\r\nstrategy:\r\n  type: all-at-once\r\nterminationWait: 5m',
  },
  {
    name: 'JSON: a top-level key moved out of strategy goes after the key it follows in the documented order',
    text: '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "endpointConfig": "c",\n  "strategy": {\n    "type": "canary",\n    "size": "10%",\n    "bake": "5m",\n    "timeout": "1h"\n  },\n  "rollback": {\n    "alarms": ["a"]\n  }\n}\n',
    code: 'misplaced-field',
    fileName: 'x.rollout.json',
    fixed:
      '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "e",\n  "endpointConfig": "c",\n  "strategy": {\n    "type": "canary",\n    "size": "10%",\n    "bake": "5m"\n  },\n  "timeout": "1h",\n  "rollback": {\n    "alarms": ["a"]\n  }\n}\n',
  },
  {
    name: 'JSON: add rollback alarms',
    text: '{"version": 1, "provider": "sagemaker", "endpoint": "e", "model": "m", "strategy": {"type": "all-at-once"}}',
    code: 'no-alarms',
    fileName: 'x.rollout.json',
  },
];

/** Each case as written and, for a YAML case, as pretty-printed JSON: every fix must keep a JSON file JSON. */
const forms = cases.flatMap((c) => {
  const json = c.fileName === undefined ? jsonForms(c.text)[0] : undefined;
  return json === undefined
    ? [c]
    : [c, { ...c, name: `${c.name} (as JSON)`, text: json, fileName: 'x.rollout.json' }];
});

for (const c of forms) {
  test(`fix: ${c.name}`, () => {
    const options = c.fileName === undefined ? {} : { fileName: c.fileName };
    const before = validateRollout(c.text, options).diagnostics.find((d) => d.code === c.code);
    assert.ok(before, `no ${c.code} to fix`);
    const fix = before.fixes?.[c.fix ?? 0];
    assert.ok(fix, `${c.code} has no fix`);
    const fixed = apply(c.text, fix);
    if (c.fixed !== undefined) assert.equal(fixed, c.fixed);
    const after = validateRollout(fixed, options).diagnostics;
    const same = after.filter((d) => d.code === c.code && d.message === before.message);
    assert.deepEqual(same, [], fixed);
    assert.deepEqual(
      after.filter((d) => d.severity === 'error' && d.code !== c.code),
      [],
      fixed,
    );
  });
}

test('a fix that removes a line leaves the same file whatever its line ends: LF, CRLF or a lone CR', () => {
  const rolling = base.replace('  type: canary\n  size: 25%\n', '  type: rolling\n  batch: 25%\n');
  const fixedWith = (text: string) => {
    const found = validateRollout(text).diagnostics.find((d) => d.code === 'misplaced-field');
    const fix = found?.fixes?.[0];
    assert.ok(fix, `a fix for ${JSON.stringify(text.slice(0, 40))}`);
    return apply(text, fix);
  };
  const lf = fixedWith(rolling);
  for (const end of ['\r\n', '\r'])
    assert.equal(fixedWith(rolling.replaceAll('\n', end)), lf.replaceAll('\n', end));
});

test('a Vertex AI name taken from a long file name is reported at provider, asking for a name', () => {
  const text = vertexSteps.replace('name: sentiment\n', '');
  const fileName = `${'f'.repeat(140)}.rollout.yaml`;
  const found = validateRollout(text, { fileName }).diagnostics.filter((d) => d.code === 'resource-name');
  assert.equal(found.length, 1);
  const [d] = found;
  assert.equal(text.slice(d?.range.start, d?.range.end), 'vertex-ai');
  assert.match(
    d?.message ?? '',
    /^the name taken from the file name is 140 characters; .* add a shorter 'name'$/,
  );
  assert.deepEqual(validateRollout(`name: short\n${text}`, { fileName }).diagnostics, []);
});
