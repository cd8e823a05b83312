import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { recordedName } from '../../src/plan/recorded-name.js';
import { type StepsState, stateFromTags, stateTagsRequest, tagValue } from '../../src/plan/steps-request.js';
import { stateFromLabels, withStateLabels } from '../../src/plan/vertex-labels.js';
import { splitAt } from '../../src/plan/vertex-steps-request.js';

// Where a Shiftwise-run rollout stands is written to the endpoint, SageMaker tags or Vertex AI labels, and read back
// by the next process (promote, abort, status). Whatever the rollout is named and whatever a rollback's reason
// says, what is written is what the service accepts, and what is read back names the same rollout.

/** SageMaker's `Tag` (botocore `Tag`): Key 1–128 and Value 0–256 code points of `[\p{L}\p{Z}\p{N}_.:/=+\-@]`. */
const tagText = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** Google's labels: keys 1–63 from a lowercase letter, values 0–63, of lowercase letters, digits, `_` and `-`. */
const labelKey = /^[a-z][a-z0-9_-]{0,62}$/;
const labelText = /^[a-z0-9_-]{0,63}$/;

// Any text a user or a service can put in a rollout's name or a rollback's reason.
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    'fraud (v2)!',
    'a\nb',
    '🚨'.repeat(257),
    '𝔄'.repeat(257),
    "it's, #1 ?",
    'x'.repeat(300),
    `${'a'.repeat(62)} b`,
    '-Sentiment v7-',
  ),
);

function state(rollout: string, reason: string | undefined): StepsState {
  return {
    rollout,
    digest: 'a1b2c3',
    original: 'fraud-config-v1',
    step: 3,
    state: 'rolling-back',
    since: '2026-12-04T10:00:00Z',
    stretch: '2026-12-04T09:00:00Z',
    ...(reason !== undefined && { reason }),
  };
}

test('SageMaker: the state tags fit the Tag model, and read back name the rollout that wrote them', () => {
  fc.assert(
    fc.property(anyText, fc.option(anyText, { nil: undefined }), (name, reason) => {
      // The steps provider records the file's name as it is; the request writes it as SageMaker takes it.
      const tags =
        stateTagsRequest('arn:aws:sagemaker:eu-west-1:1:endpoint/e', state(name, reason)).input.Tags ?? [];
      for (const { Key, Value } of tags) {
        assert.ok(Key !== undefined && tagText.test(Key) && [...Key].length <= 128, `tag key ${Key}`);
        assert.ok(
          Value !== undefined && tagText.test(Value) && [...Value].length <= 256,
          `tag ${Key} = ${Value}`,
        );
      }
      assert.equal(stateFromTags(tags)?.rollout, recordedName({ provider: 'sagemaker', name }));
    }),
    { numRuns: 500 },
  );
});

test('Vertex AI: the state labels fit Google’s labels, and read back name the rollout that wrote them', () => {
  fc.assert(
    fc.property(anyText, fc.option(anyText, { nil: undefined }), (name, reason) => {
      // The canary records the name folded once; the labels fold what they are given again.
      const recorded = recordedName({ provider: 'vertex-ai', name });
      const labels = withStateLabels(
        {},
        { ...state(recorded, reason), previous: '42', fresh: '43', operation: '77' },
      );
      for (const [key, value] of Object.entries(labels))
        assert.ok(labelKey.test(key) && labelText.test(value), `label ${key} = ${value}`);
      assert.equal(stateFromLabels(labels)?.rollout, recorded);
    }),
    { numRuns: 500 },
  );
});

test('tagValue keeps what SageMaker takes and spaces the rest, by code points', () => {
  const cases: [string, string][] = [
    ['fraud-detector v2', 'fraud-detector v2'],
    ['fraud (v2) 🚨', 'fraud  v2   '],
    ['𝔄'.repeat(300), '𝔄'.repeat(256)],
  ];
  for (const [text, expected] of cases) assert.equal(tagValue(text), expected, text);
});

test('a canary step splits whole percents that add up to 100, whatever the other models keep', () => {
  const others = fc
    .array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 })
    .filter((shares) => shares.reduce((a, b) => a + b, 0) <= 100)
    .map((shares) => Object.fromEntries(shares.map((share, i) => [String(700 + i), share])));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100 }), others, (percent, kept) => {
      const split = splitAt(percent, '42', '0', kept);
      const shares = Object.values(split);
      assert.ok(
        shares.every((n) => Number.isInteger(n) && n >= 0 && n <= 100),
        JSON.stringify(split),
      );
      assert.equal(
        shares.reduce((a, b) => a + b, 0),
        100,
        JSON.stringify(split),
      );
    }),
    { numRuns: 500 },
  );
});
