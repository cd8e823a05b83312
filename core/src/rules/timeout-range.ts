import { durationRange } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * MaximumExecutionTimeoutInSeconds: 600–28800 s. The same range bounds how long Shiftwise watches a
 * Vertex AI deployment. Whether the timeout covers the bakes is `timeout-budget`'s.
 */
export const timeoutRange: Rule = (context) =>
  durationRange(context, 'timeout-range', 'timeout', context.rollout.timeoutSeconds, {
    min: 600,
    max: 28800,
    what:
      context.rollout.provider === 'sagemaker'
        ? 'timeout (MaximumExecutionTimeoutInSeconds)'
        : 'timeout (how long Shiftwise watches the deployment)',
  });
