import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../src/index.js';
import { canaryText as canary } from './support/examples.js';

// What a reviewer reads must be what is deployed: a YAML tag that turns text into other text (`!!binary`
// decodes base64) or into a value of its own kind (`!!set`, `!!timestamp`, `!Ref`) is refused at the tag.
const refused: readonly (readonly [name: string, value: string, tag: string])[] = [
  ['!!binary decodes base64 into another name', '!!binary ZnJhdWQtZGV0ZWN0b3ItcHJvZA==', '!!binary'],
  ['!!timestamp', '!!timestamp 2001-12-14', '!!timestamp'],
  ['!!set', '!!set {fraud-detector-prod}', '!!set'],
  ['!!omap', '!!omap [a: 1]', '!!omap'],
  ['!!pairs', '!!pairs [a: 1]', '!!pairs'],
  ['a local tag', '!Ref fraud-detector-prod', '!Ref'],
  ['a verbatim tag', '!<tag:example.com,2000:x> fraud-detector-prod', '!<tag:example.com,2000:x>'],
];

for (const [name, value, tag] of refused) {
  test(`YAML tags: ${name} is a yaml-syntax error at the tag`, () => {
    const text = canary.replace('endpoint: fraud-detector-prod', `endpoint: ${value}`);
    const { diagnostics } = validateRollout(text, { fileName: 'fraud.rollout.yaml' });
    const d = diagnostics.find((x) => x.code === 'yaml-syntax');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(text.slice(d.range.start, d.range.end), tag);
    assert.match(d.message, /core schema/);
  });
}

test("YAML tags: the core schema's tags are allowed and mean what they say", () => {
  const text = canary
    .replace('endpoint: fraud-detector-prod', 'endpoint: !!str fraud-detector-prod')
    .replace('capacity: 4', 'capacity: !!int 4')
    .replace('strategy:', 'strategy: !!map')
    .replace('alarms: [', 'alarms: !!seq [');
  const { diagnostics, value } = validateRollout(text, { fileName: 'fraud.rollout.yaml' });
  assert.deepEqual(diagnostics, []);
  assert.equal(value?.provider === 'sagemaker' && value.endpoint, 'fraud-detector-prod');
  assert.equal(value?.capacity, 4);
});

test('YAML tags: a core tag on a value it does not fit is a yaml-syntax error naming the tag', () => {
  const text = canary.replace('capacity: 4', 'capacity: !!int four');
  const d = validateRollout(text).diagnostics.find((x) => x.code === 'yaml-syntax');
  assert.ok(d);
  assert.equal(text.slice(d.range.start, d.range.end), '!!int');
});
