import { report } from '../diagnostics/report.js';
import { countAboveFleet, fleetWords, plural, replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * RollbackMaximumBatchSize: 1–100%, or a count of at least 1, at most the largest fleet (`maxFleet`) and no more
 * than the capacity, when known.
 */
export const rollbackBatch: Rule = (context) => {
  const { rollout, capacity } = context;
  if (rollout.provider !== 'sagemaker' || rollout.rollback.batch === undefined) return [];
  const path = 'rollback.batch';
  const range = valueAt(context, path);
  const batch = rollout.rollback.batch;
  if (range === undefined) return [];
  const tooMany = countAboveFleet(context, 'rollback-batch', path, batch);
  if (tooMany.length > 0) return tooMany;
  const { unit, field } = fleetWords(rollout);
  if (batch.kind === 'percent' && (batch.percent < 1 || batch.percent > 100)) {
    const clamped = Math.min(100, Math.max(1, batch.percent));
    const message = `'rollback.batch' ${batch.percent}% is out of range; a rollback batch is 1–100% of ${field}: use ${clamped}%`;
    return [report('rollback-batch', message, range, replaceFix(context, path, `${clamped}%`))];
  }
  if (batch.kind === 'count' && batch.count < 1) {
    const message = `'rollback.batch' is ${plural(0, unit)}; a rollback batch is at least ${plural(1, unit)} (or 1–100%)`;
    return [report('rollback-batch', message, range, replaceFix(context, path, 1))];
  }
  if (batch.kind === 'count' && capacity !== undefined && batch.count > capacity) {
    const message = `'rollback.batch' ${plural(batch.count, unit)} is more than ${field} ${capacity}; use at most ${capacity} (or 100%)`;
    return [report('rollback-batch', message, range, replaceFix(context, path, capacity))];
  }
  return [];
};
