import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  durationRangePattern,
  integerRange,
  pauseRangePattern,
  percentRangePattern,
} from '../src/fields/schema-patterns.js';
import { parseDuration } from '../src/values/duration.js';

// The patterns that carry bounds into the JSON Schema, checked against brute force: a range pattern matches
// exactly the numbers of its range; a duration pattern never rejects a duration the reader accepts within the
// bounds, and rejects every one-unit string outside them.

const ranges: [number, number | undefined][] = [
  [0, 0],
  [0, 9],
  [1, 50],
  [10, 50],
  [5, 50],
  [0, 100],
  [1, 100],
  [600, 28800],
  [0, 3600],
  [7, 1234],
  [60, 86400],
  [10, undefined],
  [0, undefined],
];

test('integerRange matches exactly the numbers of its range', () => {
  for (const [lo, hi] of ranges) {
    const re = new RegExp(`^${integerRange(lo, hi)}$`);
    for (let n = 0; n <= 40000; n += n < 2000 ? 1 : 7) {
      const inside = n >= lo && (hi === undefined || n <= hi);
      assert.equal(re.test(String(n)), inside, `${lo}–${hi}: ${n}`);
    }
    assert.equal(re.test('05'), false, 'no leading zeros in the range itself');
  }
});

const percents: [number, number, string[], string[]][] = [
  [1, 50, ['1%', '10%', '50%', '050%'], ['0%', '51%', '60%', '150%', '10.5%', '10', '%', ' 10%']],
  [10, 50, ['10%', '20%', '50%'], ['9%', '60%', '0%']],
  [5, 50, ['5%', '25%', '50%'], ['4%', '60%']],
  [1, 100, ['1%', '100%'], ['0%', '101%']],
  [0, 100, ['0%', '100%'], ['101%', '1000%']],
];

test('percentRangePattern accepts the range and nothing else', () => {
  for (const [lo, hi, good, bad] of percents) {
    const re = new RegExp(percentRangePattern(lo, hi));
    for (const s of good) assert.ok(re.test(s), `${lo}–${hi}%: ${s}`);
    for (const s of bad) assert.ok(!re.test(s), `${lo}–${hi}%: ${s}`);
  }
});

/** Every duration string of up to three units with small values, and some one-unit strings. */
function durations(): string[] {
  const values = [
    0, 1, 2, 5, 9, 10, 30, 59, 60, 61, 90, 119, 120, 480, 481, 600, 3599, 3600, 3601, 28800, 86400,
  ];
  const out: string[] = [];
  for (const v of values) out.push(`${v}h`, `${v}m`, `${v}s`, `0${v}m`);
  for (const h of [0, 1, 2, 8, 9])
    for (const m of [0, 1, 30, 59, 60, 600])
      for (const s of [undefined, 0, 1, 59, 3600]) out.push(`${h}h${m}m${s === undefined ? '' : `${s}s`}`);
  for (const m of [0, 5, 10, 60]) for (const s of [0, 30, 600]) out.push(`${m}m${s}s`);
  return out;
}

const bounds: [number, number | undefined][] = [
  [0, 3600],
  [600, 28800],
  [600, 7 * 86400],
  [60, 86400],
  [1, 86400],
  [0, undefined],
];

test('durationRangePattern never rejects a duration within bounds, and holds one-unit strings exactly', () => {
  for (const [min, max] of bounds) {
    const re = new RegExp(durationRangePattern(min, max));
    for (const text of durations()) {
      const parsed = parseDuration(text);
      assert.ok(parsed.ok, text);
      const inside = parsed.seconds >= min && (max === undefined || parsed.seconds <= max);
      const oneUnit = /^[0-9]+[hms]$/.test(text);
      if (inside) assert.ok(re.test(text), `${min}–${max}: ${text} is inside and must match`);
      else if (oneUnit) assert.ok(!re.test(text), `${min}–${max}: ${text} is outside and must not match`);
    }
    for (const text of ['', '10 minutes', '1.5h', '10M', '30s10m', 'h', '1h 30m'])
      assert.ok(!re.test(text), `${min}–${max}: '${text}' is no duration`);
  }
});

test('the cases users reported: bake 2h and timeout 5m are refused, bake 10m is not', () => {
  assert.ok(!new RegExp(durationRangePattern(0, 3600)).test('2h'));
  assert.ok(new RegExp(durationRangePattern(0, 3600)).test('10m'));
  assert.ok(!new RegExp(durationRangePattern(600, 28800)).test('5m'));
  assert.ok(new RegExp(pauseRangePattern(1, 86400)).test('manual'));
  assert.ok(!new RegExp(pauseRangePattern(1, 86400)).test('25h'));
});
