import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editorStatus, type Plan } from '../../src/index.js';
import { canaryPlan, vertexPlan } from './plans.js';

// [name, errors, warnings, plan, verdict, text] — the status bar's words; the extension adds the icon.
const rows: [string, number, number, Plan | undefined, string, string][] = [
  ['valid with a plan', 0, 0, canaryPlan, 'ok', 'Shiftwise · 20 min'],
  ['errors win over warnings', 1, 2, canaryPlan, 'error', '1 error · 20 min'],
  ['warnings only', 0, 2, canaryPlan, 'warning', '2 warnings · 20 min'],
  ['no plan, no duration', 3, 0, undefined, 'error', '3 errors'],
  ['Vertex AI: an estimate, said so', 0, 0, vertexPlan, 'ok', 'Shiftwise · about 10 min (estimate)'],
];

for (const [name, errors, warnings, plan, verdict, text] of rows)
  test(`status bar: ${name}`, () => {
    const status = editorStatus({ errors, warnings }, plan);
    assert.equal(status.verdict, verdict);
    assert.equal(status.text, text);
  });

test('the tooltip gives the counts and the headline', () => {
  const { tooltip } = editorStatus({ errors: 0, warnings: 1 }, canaryPlan);
  assert.equal(
    tooltip,
    'Shiftwise: 0 errors, 1 warning. 2 steps · 20 min · peak 8 instances. Click to preview the schedule.',
  );
  assert.match(
    editorStatus({ errors: 1, warnings: 0 }, undefined).tooltip,
    /1 error, 0 warnings\. No plan until the errors are fixed\./,
  );
});
