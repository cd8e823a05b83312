import type { Rule } from './rule.js';
import { checkShare, type ShareBound } from './share-bound.js';

/** RollingUpdatePolicy.MaximumBatchSize: 5–50%, or a count that is 5–50% of the capacity. */
export const rollingBound: ShareBound = {
  code: 'rolling-batch',
  path: 'strategy.batch',
  what: 'a rolling batch',
  minPercent: 5,
  maxPercent: 50,
  tooSmall: 'a rolling update needs at least 2 instances; use a blue/green type such as all-at-once',
};

export const rollingBatch: Rule = (context) =>
  context.rollout.provider === 'sagemaker' && context.rollout.strategy.type === 'rolling'
    ? checkShare(context, context.rollout.strategy.batch, rollingBound)
    : [];
