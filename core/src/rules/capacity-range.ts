import { report } from '../diagnostics/report.js';
import { replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** `capacity`: a whole number of instances (replicas), at least 1. */
export const capacityRange: Rule = (context) => {
  const { capacity } = context.rollout;
  const range = valueAt(context, 'capacity');
  if (capacity === undefined || capacity >= 1 || range === undefined) return [];
  return [
    report(
      'capacity-range',
      `\`capacity\` is ${capacity}; the new fleet needs at least 1 instance`,
      range,
      replaceFix(context, 'capacity', 1),
    ),
  ];
};
