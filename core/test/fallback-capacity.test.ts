// `fallbackCapacity` (the editor's capacity setting) counts only for a file that states no fleet size: neither
// `capacity` nor an inference component's `copies`, whatever their value. `capacity` (the CLI's --capacity) wins
// over the file. Read through a capacity-aware rule: a 30% canary of 1 instance is refused (canary-size), of 20 not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type ValidateOptions, validateRollout } from '../src/validate.js';

const canary = (line: string) => `version: 1
provider: sagemaker
endpoint: fraud-detector-prod
endpointConfig: fraud-detector-v42
${line}strategy:
  type: canary
  size: 30%
  bake: 10m
timeout: 1h
rollback:
  alarms: [fraud-5xx]
`;
const component = readFileSync(
  new URL('../../examples/sagemaker-inference-component.rollout.yaml', import.meta.url),
  'utf8',
);

const rows: [file: string, text: string, options: ValidateOptions, codes: string[]][] = [
  ['no capacity', canary(''), {}, []],
  ['no capacity', canary(''), { fallbackCapacity: 1 }, ['canary-size']],
  ['no capacity', canary(''), { fallbackCapacity: 20 }, []],
  ['no capacity', canary(''), { fallbackCapacity: 20_000 }, []],
  ['capacity: 20', canary('capacity: 20\n'), { fallbackCapacity: 1 }, []],
  ['capacity: 20', canary('capacity: 20\n'), { capacity: 1 }, ['canary-size']],
  ['capacity: 1', canary('capacity: 1\n'), { fallbackCapacity: 20 }, ['canary-size']],
  ['capacity: abc', canary('capacity: abc\n'), { fallbackCapacity: 1 }, ['wrong-type']],
  ['copies: 8', component, { fallbackCapacity: 1 }, []],
  ['copies: 8', component, { capacity: 1 }, ['rolling-batch']],
  ['no copies', component.replace(/^copies: .*\n/m, ''), { fallbackCapacity: 1 }, ['rolling-batch']],
];

for (const [file, text, options, codes] of rows)
  test(`${file} with ${JSON.stringify(options)}: ${codes.join(', ') || 'no finding'}`, () => {
    assert.deepEqual(
      validateRollout(text, options).diagnostics.map((d) => d.code),
      codes,
    );
  });
