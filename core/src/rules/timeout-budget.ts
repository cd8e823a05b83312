import type { Diagnostic } from '../diagnostic.js';
import { plan } from '../plan/plan.js';
import { durationValue, replaceFix, secondsWords, valueAt } from './helpers.js';
import { report } from './report.js';
import type { Rule } from './rule.js';

/** Provisioning the new fleet needs time too: less margin than this left by the bakes is a warning. */
export const provisioningMargin = 600;

/** The longest MaximumExecutionTimeoutInSeconds SageMaker accepts. */
const maxTimeout = 28800;

/**
 * `timeout` must outlast every bake and the termination wait (the planner's `totalSeconds`), else SageMaker
 * rolls back before the last step ends: an error. Under 10 minutes left for provisioning is a warning.
 * The fix raises the timeout to the bakes plus 10 minutes, in whole minutes, when that fits the 8-hour bound.
 *
 *   linear 20% of 5, 5-minute bakes: total 1500 s; timeout 1500 s → error; 1800 s → warning; 2100 s → clean
 */
export const timeoutBudget: Rule = (context) => {
  const { rollout } = context;
  const range = valueAt(context, 'timeout');
  if (rollout.provider !== 'sagemaker' || rollout.timeoutSeconds === undefined || range === undefined)
    return [];
  const timeout = rollout.timeoutSeconds;
  const total = plan(rollout, {
    ...(context.capacity !== undefined && { capacity: context.capacity }),
  }).totalSeconds;
  const margin = timeout - total;
  if (margin >= provisioningMargin) return [];
  // Out of 600–28800 s, `timeout-range` speaks; this rule adds only the error of a timeout the bakes outlast.
  if ((timeout < 600 || timeout > maxTimeout) && margin > 0) return [];
  const wanted = Math.ceil((total + provisioningMargin) / 60) * 60;
  const fixes =
    wanted <= maxTimeout ? replaceFix(context, 'timeout', durationValue(context, 'timeout', wanted)) : [];
  const shorten = wanted <= maxTimeout ? '' : ', or shorten the bakes (the timeout cannot exceed 8 h)';
  const finding: Diagnostic =
    margin <= 0
      ? report(
          'timeout-budget',
          `\`timeout\` is ${secondsWords(timeout)} but the bakes and terminationWait alone take ${secondsWords(total)}: ` +
            `SageMaker would roll back before the last step ends. Make it at least ${secondsWords(wanted)}${shorten}`,
          range,
          fixes,
        )
      : {
          ...report(
            'timeout-budget',
            `\`timeout\` leaves ${secondsWords(margin)} after ${secondsWords(total)} of bakes to provision the new ` +
              `fleet; leave at least 10 minutes: ${secondsWords(wanted)}${shorten}`,
            range,
            fixes,
          ),
          severity: 'warning',
        };
  return [finding];
};
