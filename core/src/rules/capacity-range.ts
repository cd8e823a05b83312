import { report } from '../diagnostics/report.js';
import { fleetWords, plural, replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** `capacity` (`copies` of an inference component): a whole number of instances (replicas, copies), at least 1. */
export const capacityRange: Rule = (context) => {
  const { capacity } = context.rollout;
  const { unit, field } = fleetWords(context.rollout);
  const range = valueAt(context, field);
  if (capacity === undefined || capacity >= 1 || range === undefined) return [];
  return [
    report(
      'capacity-range',
      `\`${field}\` is ${capacity}; the new fleet needs at least ${plural(1, unit)}`,
      range,
      replaceFix(context, field, 1),
    ),
  ];
};
