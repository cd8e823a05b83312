import { report } from '../diagnostics/report.js';
import { maxFleet } from '../plan/bounds.js';
import { fleetWords, plural, replaceFix, sourceText, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * `capacity` (`copies` of an inference component): a whole number of instances (replicas, copies), 1–10,000
 * (`maxFleet`: far above any endpoint's quota, and a valid 32-bit InitialInstanceCount or CopyCount).
 *
 *   capacity 0 → at least 1;  capacity 2147483647 → at most 10000;  capacity 4 → ok
 * The message quotes the value as the file writes it: `9007199254740993` reads as …992 and `1e400` as Infinity.
 */
export const capacityRange: Rule = (context) => {
  const { capacity } = context.rollout;
  const { unit, field } = fleetWords(context.rollout);
  const range = valueAt(context, field);
  if (capacity === undefined || range === undefined) return [];
  const written = sourceText(context, field);
  if (capacity < 1) {
    const message = `'${field}' is ${written}; the new fleet needs at least ${plural(1, unit)}`;
    return [report('capacity-range', message, range, replaceFix(context, field, 1))];
  }
  if (capacity > maxFleet) {
    const message = `'${field}' is ${written}; Shiftwise plans fleets of at most ${plural(maxFleet, unit)} (range 1–${maxFleet}): write the fleet's real size`;
    return [report('capacity-range', message, range, replaceFix(context, field, maxFleet))];
  }
  return [];
};
