import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cloudWatchExpression,
  evaluateMetricExpression,
  parseMetricExpression,
} from '../src/values/metric-expression.js';

// The metric math of analysis checks: what parses (and where it does not), its CloudWatch form, and its value.

const values: Record<string, number> = {
  'new.errors': 2,
  'new.count': 50,
  'old.errors': 1,
  'old.count': 100,
  'new.zero': 0,
};
const lookup = (variant: string, metric: string) => values[`${variant}.${metric}`];

const cases: [text: string, value: number | undefined][] = [
  ['100 * new.errors / new.count', 4],
  ['100 * new.errors / new.count - 100 * old.errors / old.count', 3],
  ['-(new.errors - old.errors) * 2', -2],
  ['new.errors / new.zero', undefined],
  ['new.errors + old.missing', undefined],
  ['1 - 2 - 3', -4],
  ['8 / 4 / 2', 1],
];
for (const [text, value] of cases)
  test(`metric math: ${text} → ${value}`, () => {
    assert.ok(parseMetricExpression(text).ok);
    assert.equal(evaluateMetricExpression(text, lookup), value);
  });

const refused: [text: string, message: RegExp, at: number][] = [
  ['new.errors / canary.count', /'canary' is not a variant/, 13],
  ['100 * (new.errors', /parenthesis is not closed/, 6],
  ['new.errors $ 2', /'\$' cannot appear/, 11],
  ['new.errors new.count', /unexpected 'new.count'/, 11],
];
for (const [text, message, at] of refused)
  test(`metric math refused: ${text}`, () => {
    const parsed = parseMetricExpression(text);
    assert.ok(!parsed.ok);
    assert.match(parsed.message, message);
    assert.equal(parsed.start, at);
  });

test('the CloudWatch form names each metric by its query id', () => {
  const text = '100 * new.errors / old.errors';
  const parsed = parseMetricExpression(text);
  assert.ok(parsed.ok);
  assert.equal(cloudWatchExpression(text, parsed.refs), '100 * new_errors / old_errors');
});
