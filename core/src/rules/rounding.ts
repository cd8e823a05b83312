import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import type { Size } from '../model.js';
import { maxFleet } from '../plan/bounds.js';
import { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from '../plan/size.js';
import { canaryBound } from './canary-size.js';
import { fleetWords, plural, replaceFix, valueAt } from './helpers.js';
import { linearBound } from './linear-step.js';
import { rollingBound } from './rolling-batch.js';
import type { Rule, RuleContext } from './rule.js';
import { checkShare } from './share-bound.js';

/**
 * A percent size whose whole instances carry a different share than it states (a warning, capacity known).
 * SageMaker rounds down with a minimum of one (core/src/plan/size.ts); Vertex AI rounds surge up and
 * unavailable down. The fix writes the count that really happens.
 *
 *   canary 30% of 4 → 1 instance = 25%;  canary 10% of 4 → 0.4 → 1 instance = 25%;  maxSurge 25% of 10 → 3 = 30%
 * Sizes outside their own bounds are left to their rule, and so is a capacity outside 1–10,000 (`maxFleet`) or
 * not a safe integer: `capacity-range` reports it, and a share of 2147483647 or of 1e400 (Infinity) says nothing true.
 */
export const rounding: Rule = (context) => {
  const { rollout, capacity } = context;
  if (capacity === undefined || !Number.isSafeInteger(capacity) || capacity < 1 || capacity > maxFleet)
    return [];
  if (rollout.provider === 'vertex-ai') {
    if (rollout.strategy.type !== 'rolling') return [];
    const { maxSurge, maxUnavailable } = rollout.strategy;
    return [
      ...check(
        context,
        'strategy.maxSurge',
        maxSurge,
        [0, 100],
        surgeReplicas(maxSurge, capacity),
        'up',
        'replica',
      ),
      ...check(
        context,
        'strategy.maxUnavailable',
        maxUnavailable,
        [0, 100],
        unavailableReplicas(maxUnavailable, capacity),
        'down',
        'replica',
      ),
    ];
  }
  const found: Diagnostic[] = [];
  const s = rollout.strategy;
  const bound =
    s.type === 'canary'
      ? canaryBound
      : s.type === 'linear'
        ? linearBound
        : s.type === 'rolling'
          ? rollingBound
          : undefined;
  const size =
    s.type === 'canary' ? s.size : s.type === 'linear' ? s.step : s.type === 'rolling' ? s.batch : undefined;
  if (bound && size && checkShare(context, size, bound).length === 0) {
    found.push(
      ...check(
        context,
        bound.path,
        size,
        [bound.minPercent, bound.maxPercent],
        instancesFor(size, capacity),
        'down',
        fleetWords(rollout).unit,
      ),
    );
  }
  const batch = rollout.rollback.batch;
  if (batch)
    found.push(
      ...check(
        context,
        'rollback.batch',
        batch,
        [1, 100],
        instancesFor(batch, capacity),
        'down',
        fleetWords(rollout).unit,
      ),
    );
  return found;
};

function check(
  context: RuleContext,
  path: string,
  size: Size,
  [min, max]: readonly [number, number],
  whole: number,
  direction: 'up' | 'down',
  unit: string,
): Diagnostic[] {
  const capacity = context.capacity as number;
  const range = valueAt(context, path);
  if (size.kind !== 'percent' || size.percent < min || size.percent > max || range === undefined) return [];
  const exact = (capacity * size.percent) / 100;
  const share = effectivePercent(whole, capacity);
  if (share === size.percent && Number.isInteger(exact)) return [];
  if (share === size.percent && whole === Math.round(exact)) return [];
  const of = `${size.percent}% of ${plural(capacity, unit)} is ${trim(exact)}`;
  const rounded =
    direction === 'down' && Math.floor(exact) === 0 && whole === 1
      ? `which rounds down to 0, so ${plural(1, unit)} is used`
      : `rounded ${direction} to ${plural(whole, unit)}`;
  // A share that rounds to the percent asked for is given to two decimals: 1 of 150 carries 0.67%, not "1%, not 1%".
  const shown = share === size.percent ? trim((whole / capacity) * 100) : String(share);
  const carries =
    whole === 0
      ? `so no ${unit} moves at a time`
      : unit !== 'replica'
        ? `carrying ${shown}% of traffic, not ${size.percent}%`
        : `which is ${shown}% of capacity, not ${size.percent}%`;
  const message = `'${path}' ${of}, ${rounded}, ${carries}; write ${whole} to say what happens`;
  return [report('rounding', message, range, replaceFix(context, path, whole))];
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}
