import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusView } from '../src/status-text.js';
import { canaryPlan } from './plans.js';

const rows: { name: string; errors: number; warnings: number; planned: boolean; text: string }[] = [
  { name: 'valid with a plan', errors: 0, warnings: 0, planned: true, text: '$(pass) Shiftwise · 20 min' },
  {
    name: 'errors win over warnings',
    errors: 1,
    warnings: 2,
    planned: true,
    text: '$(error) 1 error · 20 min',
  },
  { name: 'warnings only', errors: 0, warnings: 2, planned: true, text: '$(warning) 2 warnings · 20 min' },
  { name: 'no plan, no duration', errors: 3, warnings: 0, planned: false, text: '$(error) 3 errors' },
];

for (const row of rows) {
  test(`status bar: ${row.name}`, () => {
    const view = statusView(row.errors, row.warnings, row.planned ? canaryPlan : undefined);
    assert.equal(view.text, row.text);
  });
}

test('status bar tooltip gives the schedule summary', () => {
  const { tooltip } = statusView(0, 1, canaryPlan);
  assert.match(tooltip, /0 errors, 1 warning\. 2 steps · 20 min · peak 8 instances\./);
});
