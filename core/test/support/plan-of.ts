import assert from 'node:assert/strict';
import { type Plan, plan, validateRollout } from '../../src/index.js';

/** The plan of a rollout file's text, which must parse (a test's edited example). */
export function planOf(text: string): Plan {
  const rollout = validateRollout(text).value;
  assert.ok(rollout, 'the edited example parses');
  return plan(rollout);
}
