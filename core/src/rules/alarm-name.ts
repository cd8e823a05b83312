import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import { readableEntries } from './holes.js';
import type { Rule } from './rule.js';

/** The longest AlarmName, in characters (code points, as the API counts them; an emoji is one). */
export const maxAlarmNameLength = 255;

/**
 * Control characters (C0, DEL, C1) and the line and paragraph separators: AlarmName's pattern in the SageMaker
 * service model, `(?!\s*$).+`, matches no line terminator, and CloudWatch alarm names hold no control characters.
 */
const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * AlarmName: 1–255 characters counted as code points, not blank, no control characters.
 *
 *   'fraud-5xx' → ok;  '  ' → blank;  'a\nb' → a control character;  255 emoji → ok;  256 → too long
 */
export const alarmName: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker') return [];
  const found: Diagnostic[] = [];
  readableEntries(rollout.rollback.alarms).forEach((name, i) => {
    const range = valueAt(context, `rollback.alarms.${i}`);
    if (name === undefined || range === undefined) return;
    const problem = alarmNameProblem(name, i + 1);
    if (problem !== undefined) found.push(report('alarm-name', problem, range));
  });
  return found;
};

/** Why alarm `n` cannot be a CloudWatch alarm name, or undefined when it can. */
function alarmNameProblem(name: string, n: number): string | undefined {
  if (name.trim() === '')
    return `alarm ${n} is blank; an alarm name is 1–${maxAlarmNameLength} characters: write the CloudWatch alarm's name`;
  const bad = control.exec(name);
  if (bad !== null) {
    const code = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `alarm ${n} holds the control character ${code} at character ${[...name.slice(0, bad.index)].length + 1}; CloudWatch alarm names hold no control characters or line breaks: write the name on one line`;
  }
  const length = [...name].length;
  if (length > maxAlarmNameLength)
    return `alarm ${n} is ${length} characters long; CloudWatch alarm names are at most ${maxAlarmNameLength}`;
  return undefined;
}
