import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withStepNumbers } from '../src/diagnostics/report.js';
import { validateRollout } from '../src/index.js';

// What a value that does not read says, and the fix it offers: one row per value, each written into a clean file
// in place of one line. A message quotes the value as the file writes it (never the float it reads as), names the
// bound or the form, and never offers a fix that writes the same value back.
const baseFile = `version: 1
provider: sagemaker
endpoint: corpus-endpoint
endpointConfig: corpus-config
capacity: 4
strategy:
  type: canary
  size: 1
  bake: 5m
terminationWait: 5m
timeout: 4h
rollback:
  alarms: [corpus-5xx]
`;

type Row = [line: string, expected: (string | RegExp)[]];

// A rollout of steps Shiftwise runs, for its traffic shares.
const stepsBase = `version: 1
provider: sagemaker
endpoint: corpus-endpoint
model: corpus-model
capacity: 4
strategy:
  type: steps
  steps:
    - traffic: 10%
      bake: 10m
    - traffic: 100%
      bake: 10m
rollback:
  alarms: [corpus-5xx]
`;

/** `code: message [fix titles]` of every finding of `base` with `line` in place of the (first) line of its key. */
function findings(line: string, base = baseFile): string[] {
  const key = line.trim().split(':')[0];
  const text = base.replace(new RegExp(`^( *)${key}:.*$`, 'm'), (_, indent) => `${indent}${line.trim()}`);
  assert.notEqual(text, base, `no line of '${key}' in the base file`);
  return validateRollout(text, { fileName: 'x.rollout.yaml' }).diagnostics.map(
    (d) => `${d.code}: ${d.message} [${(d.fixes ?? []).map((f) => f.title).join('; ')}]`,
  );
}

// The range rule (core/src/rules/capacity-range.ts) quotes the value as written: 9007199254740993, not …992.
const tooLargeCapacity = (written: string) =>
  `capacity-range: 'capacity' is ${written}; Shiftwise plans fleets of at most 10000 instances (range 1–10000): write the fleet's real size [Change to 10000]`;
const sizeTooLarge =
  'too large for a size; a count is at most the fleet and a percent at most 100%: write the count or percent meant []';
const durationTooLarge =
  "too large for a duration; write the time meant in seconds (600) or hours and minutes ('1h30m') []";
const durationForms = "(a duration is seconds (600) or a string like '90s', '10m', '1h30m')";

const rows: Row[] = [
  // A whole number past 2^53 − 1 (or past the largest double) is too large, as 2147483647 is, not of a wrong type.
  ['capacity: 2147483647', [tooLargeCapacity('2147483647')]],
  ['capacity: 9007199254740993', [tooLargeCapacity('9007199254740993')]],
  ['capacity: 99999999999999999999999', [tooLargeCapacity('99999999999999999999999')]],
  ['capacity: 1e23', [tooLargeCapacity('1e23')]],
  ['capacity: 1e400', [tooLargeCapacity('1e400')]],
  [
    'capacity: -1e400',
    [`capacity-range: 'capacity' is -1e400; the new fleet needs at least 1 instance [Change to 1]`],
  ],
  ["capacity: 'four'", [`wrong-type: 'capacity' is a string; expected a whole number []`]],
  ['capacity: 4.5', [`wrong-type: 'capacity' is a number; expected a whole number []`]],
  // Digits in a string are written back digit for digit, not through a float.
  [
    "capacity: '0099999999999999999999'",
    [`wrong-type: 'capacity' is a string; expected a whole number [Change to 99999999999999999999]`],
  ],
  // Sizes and durations quote what the file wrote.
  ['size: 99999999999999999999', [`bad-size: 'strategy.size': 99999999999999999999 is ${sizeTooLarge}`]],
  ['size: 1e400', [`bad-size: 'strategy.size': 1e400 is ${sizeTooLarge}`]],
  ['size: 99999999999999999999%', [`bad-size: 'strategy.size': '99999999999999999999%' is ${sizeTooLarge}`]],
  [
    'size: 99999999999999999999 %',
    [`bad-size: 'strategy.size': '99999999999999999999 %' is ${sizeTooLarge}`],
  ],
  ["size: '25 %'", [`bad-size: 'strategy.size': '25 %' is not a size; write '25%' [Change to 25%]`]],
  [
    'bake: 99999999999999999999',
    [`bad-duration: 'strategy.bake': 99999999999999999999 is ${durationTooLarge}`],
  ],
  ['bake: 1e400', [`bad-duration: 'strategy.bake': 1e400 is ${durationTooLarge}`]],
  [
    'bake: 99999999999999999999h',
    [`bad-duration: 'strategy.bake': '99999999999999999999h' is ${durationTooLarge}`],
  ],
  ['bake: 1.50', [`bad-duration: 'strategy.bake': 1.50 is not whole seconds; write 2 [Change to 2]`]],
  // Whole days are hours: '7 days' is '168h', the `steps` timeout's bound.
  [
    'timeout: 7 days',
    [
      `bad-duration: 'timeout': '7 days' is not a duration; write 604800 or '168h' ${durationForms} [Change to 168h]`,
    ],
  ],
  [
    'timeout: 1d',
    [
      `bad-duration: 'timeout': '1d' is not a duration; write 86400 or '24h' ${durationForms} [Change to 24h]`,
    ],
  ],
  [
    'timeout: 1d 2h',
    [
      `bad-duration: 'timeout': '1d 2h' is not a duration; write 93600 or '26h' ${durationForms} [Change to 26h]`,
    ],
  ],
  [
    'timeout: 1.5d',
    [`bad-duration: 'timeout': '1.5d' is not a duration; write 600, '10m' or '1h30m' ${durationForms} []`],
  ],
  // A quoted 1 is the version meant, written as a string.
  [
    "version: '1'",
    ["unknown-value: version is the string '1'; write the number, unquoted: version: 1 [Change to 1]"],
  ],
  [
    'version: 2',
    ['unknown-value: version 2 is not supported; this Shiftwise reads format version 1 [Change to 1]'],
  ],
];

const traffic = (written: string) =>
  `bad-size: 'strategy.steps.0.traffic' (step 1) is ${written}, too large for a share of traffic; a step sends 1–100%: write the percent meant, like '25%' []`;

// What a value of the wrong type is expected to be, in the words of its field's kind.
const stepsRows: Row[] = [
  [
    '- traffic: [1]',
    ["wrong-type: 'strategy.steps.0.traffic' (step 1) is a list; expected a whole percent like '25%' []"],
  ],
  // A traffic share quotes what the file wrote too, and writes no '%' after a number too long to be exact.
  ['- traffic: 99999999999999999999', [traffic('99999999999999999999')]],
  ['- traffic: 9007199254740993', [traffic('9007199254740993')]],
  ['- traffic: 1e400', [traffic('1e400')]],
  [
    '- traffic: 25',
    [
      `bad-size: 'strategy.steps.0.traffic' (step 1) is 25; traffic is a share of requests: write '25%' [Change to 25%]`,
    ],
  ],
  [
    '- traffic: 25.5',
    [`bad-size: 'strategy.steps.0.traffic' (step 1): 25.5 is not a percent; write it like '25%' []`],
  ],
];

// Checks Shiftwise runs while the steps bake: a value that does not read is the only finding (analysis-threshold
// says nothing of a 'max' it could not read).
const analysisBase = `${stepsBase}analysis:
  - name: new-5xx
    metric: Invocation5XXErrors
    period: 1m
    max: 0
    dryRun: false
    stat: Sum
`;
const analysisRows: Row[] = [
  ['max: abc', ["wrong-type: 'analysis.0.max' is a string; expected a number []"]],
  ["max: '5'", ["wrong-type: 'analysis.0.max' is a string; expected a number [Change to 5]"]],
  ['dryRun: maybe', ["wrong-type: 'analysis.0.dryRun' is a string; expected true or false []"]],
  [
    'stat: [Sum]',
    [
      "wrong-type: 'analysis.0.stat' is a list; expected one of: Sum, Average, Minimum, Maximum, SampleCount []",
    ],
  ],
];

for (const [line, expected, base] of [
  ...rows.map((r): [...Row, string] => [...r, baseFile]),
  ...stepsRows.map((r): [...Row, string] => [...r, stepsBase]),
  ...analysisRows.map((r): [...Row, string] => [...r, analysisBase]),
])
  test(`value message: ${line}`, () => {
    const found = findings(line, base);
    assert.equal(found.length, expected.length, found.join('\n'));
    for (const [i, e] of expected.entries()) {
      if (typeof e === 'string') assert.equal(found[i], e);
      else assert.match(found[i] ?? '', e);
    }
  });

const stepNumbers: [string, string][] = [
  ["'strategy.steps.0.bake' is 86401 s", "'strategy.steps.0.bake' (step 1) is 86401 s"],
  ["'strategy.steps.11' is not a mapping", "'strategy.steps.11' (step 12) is not a mapping"],
  ["'strategy.steps.2.traffic': 25.5 is", "'strategy.steps.2.traffic' (step 3): 25.5 is"],
  ["'strategy.steps.0' (step 1) says", "'strategy.steps.0' (step 1) says"],
  ["'strategy.steps' is an empty list", "'strategy.steps' is an empty list"],
  ["'rollback.alarms.0' is blank", "'rollback.alarms.0' is blank"],
  ["alarm 'strategy.steps.0' is listed twice", "alarm 'strategy.steps.0' is listed twice"],
];
for (const [message, said] of stepNumbers)
  test(`a steps path in a message names its step as the plan counts it: ${message}`, () =>
    assert.equal(withStepNumbers(message), said));

// A list field of the wrong type says what its entries are.
const steps = "a list of steps: '- traffic: 10%' with a 'bake', or '- pause: manual'";
const lists: [written: string, said: string][] = [
  ['5', `wrong-type: 'strategy.steps' is an integer; expected ${steps} []`],
  ['{}', `wrong-type: 'strategy.steps' is a mapping; expected ${steps} []`],
  ['', `wrong-type: 'strategy.steps' has no value; expected ${steps} []`],
];
for (const [written, said] of lists)
  test(`value message: steps: ${written}`, () => {
    const text = stepsBase.replace(/ {2}steps:\n(?: {4}.*\n)+/, `  steps: ${written}\n`);
    assert.deepEqual(findings(`capacity: 5`, text), [said]);
  });

// A pause is 'manual' or a duration: a word that is neither says both forms, and offers 'manual' when near.
const pauses: [written: string, said: string][] = [
  [
    'later',
    "bad-duration: 'strategy.steps.1.pause' (step 2): 'later' is neither 'manual' (wait for shiftwise promote) nor a duration like '1h' []",
  ],
  [
    'manul',
    "bad-duration: 'strategy.steps.1.pause' (step 2): 'manul' is neither 'manual' (wait for shiftwise promote) nor a duration like '1h'; did you mean 'manual'? [Change to manual]",
  ],
];
for (const [written, said] of pauses)
  test(`value message: pause: ${written}`, () => {
    const text = stepsBase.replace('    - traffic: 100%\n', `    - pause: ${written}\n    - traffic: 100%\n`);
    assert.deepEqual(findings('capacity: 5', text), [said]);
  });
