import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import { readableEntries } from './holes.js';
import type { Rule } from './rule.js';

/** The most alarms AutoRollbackConfiguration.Alarms takes. */
const maxAlarms = 10;

/**
 * AutoRollbackConfiguration.Alarms: at most 10 (none at all is `no-alarms`, a warning). A count over a list with
 * items that do not read is judged only when the names that do read are too many already: an unread item may be
 * a slip the fix removes, so a list of 10 names and one `123` is not said to hold 11 alarms.
 *
 *   11 names → error;  10 names and 123 → none (wrong-type's);  11 names and 123 → error, '11 alarm names (and 1 item that does not read)'
 */
export const alarmCount: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker') return [];
  const entries = readableEntries(rollout.rollback.alarms);
  // Where the names that read stand in the list.
  const named = entries.flatMap((name, i) => (name === undefined ? [] : [i]));
  if (named.length <= maxAlarms) return [];
  const unreadItems = entries.length - named.length;
  const from = valueAt(context, `rollback.alarms.${named[maxAlarms]}`);
  const last = valueAt(context, `rollback.alarms.${entries.length - 1}`);
  const range = from && last ? { start: from.start, end: last.end } : valueAt(context, 'rollback.alarms');
  if (range === undefined) return [];
  const counted =
    unreadItems === 0
      ? `${named.length} alarms`
      : `${named.length} alarm names (and ${unreadItems} ${unreadItems === 1 ? 'item' : 'items'} that ${unreadItems === 1 ? 'does' : 'do'} not read)`;
  const message = `'rollback.alarms' lists ${counted}; SageMaker takes at most ${maxAlarms}: combine some into a CloudWatch composite alarm, or drop the ones after the ${maxAlarms}th`;
  return [report('alarm-count', message, range)];
};
