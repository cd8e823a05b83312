import { report } from '../diagnostics/report.js';
import { unavailableReplicas } from '../plan/size.js';
import { plural, replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** Vertex AI `maxUnavailable` of 100% (or, capacity known, every replica): a full outage is possible (a warning). */
export const vertexOutage: Rule = (context) => {
  const { rollout, capacity } = context;
  if (rollout.provider !== 'vertex-ai' || rollout.strategy.type !== 'rolling') return [];
  const size = rollout.strategy.maxUnavailable;
  const range = valueAt(context, 'strategy.maxUnavailable');
  if (range === undefined) return [];
  const all =
    (size.kind === 'percent' && size.percent === 100) ||
    (capacity !== undefined && unavailableReplicas(size, capacity) >= capacity);
  if (!all || (size.kind === 'percent' && size.percent > 100)) return [];
  const keep = capacity !== undefined && capacity > 1 ? capacity - 1 : undefined;
  const advice =
    keep === undefined
      ? 'use a smaller share, such as 25%'
      : `use at most ${plural(keep, 'replica')} (capacity − 1)`;
  const message = `'strategy.maxUnavailable' lets every replica go down at once: a full outage is possible; ${advice}`;
  return [
    report(
      'vertex-outage',
      message,
      range,
      keep === undefined
        ? replaceFix(context, 'strategy.maxUnavailable', '25%')
        : replaceFix(context, 'strategy.maxUnavailable', keep),
    ),
  ];
};
