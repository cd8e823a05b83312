import { maxStepsTimeout } from '../fields/table.js';
import { durationRange } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * MaximumExecutionTimeoutInSeconds: 600–28800 s. The same range bounds how long Shiftwise watches a
 * Vertex AI deployment; Shiftwise-run steps may take up to 7 days. Whether the timeout covers the bakes is
 * `timeout-budget`'s.
 */
export const timeoutRange: Rule = (context) => {
  const { rollout } = context;
  const steps = rollout.strategy.type === 'steps';
  return durationRange(context, 'timeout-range', 'timeout', rollout.timeoutSeconds, {
    min: 600,
    max: steps ? maxStepsTimeout : 28800,
    what: steps
      ? 'timeout (how long Shiftwise runs the steps)'
      : rollout.provider === 'sagemaker'
        ? 'timeout (MaximumExecutionTimeoutInSeconds)'
        : 'timeout (how long Shiftwise watches the deployment)',
  });
};
