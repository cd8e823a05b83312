import { report } from '../diagnostics/report.js';
import { plural, replaceFix, valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** RollbackMaximumBatchSize: 1–100%, or a count of at least 1 (and no more than the capacity, when known). */
export const rollbackBatch: Rule = (context) => {
  const { rollout, capacity } = context;
  if (rollout.provider !== 'sagemaker' || rollout.rollback.batch === undefined) return [];
  const path = 'rollback.batch';
  const range = valueAt(context, path);
  const batch = rollout.rollback.batch;
  if (range === undefined) return [];
  if (batch.kind === 'percent' && (batch.percent < 1 || batch.percent > 100)) {
    const clamped = Math.min(100, Math.max(1, batch.percent));
    const message = `\`rollback.batch\` ${batch.percent}% is out of range; a rollback batch is 1–100% of capacity: use ${clamped}%`;
    return [report('rollback-batch', message, range, replaceFix(context, path, `${clamped}%`))];
  }
  if (batch.kind === 'count' && batch.count < 1) {
    const message = '`rollback.batch` is 0 instances; a rollback batch is at least 1 instance (or 1–100%)';
    return [report('rollback-batch', message, range, replaceFix(context, path, 1))];
  }
  if (batch.kind === 'count' && capacity !== undefined && batch.count > capacity) {
    const message = `\`rollback.batch\` ${plural(batch.count, 'instance')} is more than capacity ${capacity}; use at most ${capacity} (or 100%)`;
    return [report('rollback-batch', message, range, replaceFix(context, path, capacity))];
  }
  return [];
};
