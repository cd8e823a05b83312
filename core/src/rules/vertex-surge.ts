import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { surgeReplicas, unavailableReplicas } from '../plan/size.js';
import { countAboveFleet, replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * Vertex AI `maxSurge` / `maxUnavailable`: a count 0–10,000 (`maxFleet`; the API's fields are 32-bit) or 0–100%; both zero (after rounding, when the
 * capacity is known) is an error, since no replica can then be added or replaced.
 */
export const vertexSurge: Rule = (context) => {
  const { rollout, capacity } = context;
  if (rollout.provider !== 'vertex-ai' || rollout.strategy.type !== 'rolling') return [];
  const strategy = rollout.strategy;
  const found: Diagnostic[] = [];
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const size = strategy[key];
    const path = `strategy.${key}`;
    const range = valueAt(context, path);
    if (range !== undefined && size.kind === 'percent' && size.percent > 100) {
      const message = `'${path}' ${size.percent}% is above 100%; ${key} is a count ≥ 0 or 0–100% of capacity: use 100% or less`;
      found.push(report('vertex-surge', message, range, replaceFix(context, path, '100%')));
    }
    found.push(...countAboveFleet(context, 'vertex-surge', path, size));
  }
  if (found.length > 0) return found;
  const { maxSurge, maxUnavailable } = strategy;
  const n = capacity ?? 100;
  if (surgeReplicas(maxSurge, n) === 0 && unavailableReplicas(maxUnavailable, n) === 0) {
    const range = valueAt(context, 'strategy.maxSurge');
    if (range === undefined) return [];
    const rounded = capacity === undefined ? '' : ` (at capacity ${capacity}, after rounding)`;
    const message = `maxSurge and maxUnavailable are both 0${rounded}: no replica can be added or taken down, so the rollout cannot progress; set maxSurge to 1 (or more)`;
    found.push(report('vertex-surge', message, range, replaceFix(context, 'strategy.maxSurge', 1)));
  }
  return found;
};
