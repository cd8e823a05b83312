// Completion offers only what fits beside what the file already states: each row is a `|`-marked document, the
// labels offered (or those that must and must not be among them). Accepting any item must not itself make an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, completion } from '../src/index.js';
import { canary60, cursor } from './documents.js';

const valid = canary60.replace('60%', '25%');
const knownAlarms = ['fraud-5xx', 'fraud-latency-p99', 'payments-5xx'];

/** Labels completion offers at the `|` of `marked`, in a file named `file`. */
function labels(marked: string, file = 'fraud.rollout.yaml'): string[] {
  const { text, position } = cursor(marked);
  return completion(analyze(`file:///w/${file}`, text), position, { knownAlarms }).items.map((i) => i.label);
}

const alarmRows: readonly { name: string; marked: string; file?: string; expected: readonly string[] }[] = [
  {
    name: 'a flow list leaves out the names it has',
    marked: valid.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, |]'),
    expected: ['fraud-latency-p99', 'payments-5xx'],
  },
  {
    name: 'the item being typed is not one the list has',
    marked: valid.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, fraud|]'),
    expected: ['fraud-latency-p99', 'payments-5xx'],
  },
  {
    name: 'a block list, its names quoted',
    marked: valid.replace(
      '[fraud-5xx, fraud-latency-p99]',
      `\n    - 'fraud-5xx'\n    - "fraud-latency-p99"\n    - |`,
    ),
    expected: ['payments-5xx'],
  },
  {
    name: 'a JSON list',
    file: 'fraud.rollout.json',
    marked: '{"version": 1, "rollback": {"alarms": ["payments-5xx", "|"]}}',
    expected: ['fraud-5xx', 'fraud-latency-p99'],
  },
];

for (const row of alarmRows) {
  test(`alarm names: ${row.name}`, () => {
    assert.deepEqual(labels(row.marked, row.file), row.expected);
  });
}
