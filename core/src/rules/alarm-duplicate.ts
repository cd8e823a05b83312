import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { removeItem } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import { readableEntries } from './holes.js';
import type { Rule } from './rule.js';

/**
 * The same alarm listed twice: harmless to SageMaker, but usually a copy-paste slip (a warning). Only names that
 * read are compared: a duplicate of two names is one whatever an unread item beside them holds.
 *
 *   [a, 123, a] → warning on the second a (123 is wrong-type's)
 */
export const alarmDuplicate: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker') return [];
  const found: Diagnostic[] = [];
  const first = new Map<string, number>();
  readableEntries(rollout.rollback.alarms).forEach((name, i) => {
    if (name === undefined) return;
    const range = valueAt(context, `rollback.alarms.${i}`);
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      return;
    }
    if (range === undefined) return;
    const edit = removeItem(context.text, range);
    const message = `alarm '${name}' is listed twice (also item ${earlier + 1}); remove this one`;
    found.push(
      report(
        'alarm-duplicate',
        message,
        range,
        edit && [{ title: `Remove duplicate ${name}`, edits: [edit] }],
      ),
    );
  });
  return found;
};
