import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** AutoRollbackConfiguration.Alarms: at most 10 (none at all is `no-alarms`, a warning). */
export const alarmCount: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker' || rollout.rollback.alarms.length <= 10) return [];
  const eleventh = valueAt(context, 'rollback.alarms.10');
  const last = valueAt(context, `rollback.alarms.${rollout.rollback.alarms.length - 1}`);
  const range =
    eleventh && last ? { start: eleventh.start, end: last.end } : valueAt(context, 'rollback.alarms');
  if (range === undefined) return [];
  const message = `'rollback.alarms' lists ${rollout.rollback.alarms.length} alarms; SageMaker takes at most 10: combine some into a CloudWatch composite alarm, or drop the ones after the 10th`;
  return [report('alarm-count', message, range)];
};
