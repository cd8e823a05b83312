import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/** AlarmName: 1–255 characters, not blank. */
export const alarmName: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker') return [];
  const found: Diagnostic[] = [];
  rollout.rollback.alarms.forEach((name, i) => {
    const range = valueAt(context, `rollback.alarms.${i}`);
    if (range === undefined) return;
    if (name.trim() === '') {
      found.push(
        report(
          'alarm-name',
          `alarm ${i + 1} is blank; an alarm name is 1–255 characters: write the CloudWatch alarm's name`,
          range,
        ),
      );
    } else if (name.length > 255) {
      found.push(
        report(
          'alarm-name',
          `alarm ${i + 1} is ${name.length} characters long; CloudWatch alarm names are at most 255`,
          range,
        ),
      );
    }
  });
  return found;
};
