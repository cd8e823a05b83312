import { durationRange } from './helpers.js';
import type { Rule } from './rule.js';

/** TerminationWaitInSeconds: 0–3600 s. (On rolling updates the key itself is a `misplaced-field`.) */
export const terminationWait: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker') return [];
  return durationRange(context, 'termination-wait', 'terminationWait', rollout.terminationWaitSeconds, {
    min: 0,
    max: 3600,
    what: 'terminationWait (TerminationWaitInSeconds)',
  });
};
