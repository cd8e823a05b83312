import type { Rule } from './rule.js';
import { checkShare, type ShareBound } from './share-bound.js';

/** LinearStepSize: 10–50%, or a count that is 10–50% of the capacity. */
export const linearBound: ShareBound = {
  code: 'linear-step',
  path: 'strategy.step',
  what: 'a linear step',
  minPercent: 10,
  maxPercent: 50,
  tooSmall: 'use type: all-at-once, or raise capacity to 2 or more',
};

export const linearStep: Rule = (context) =>
  context.rollout.provider === 'sagemaker' && context.rollout.strategy.type === 'linear'
    ? checkShare(context, context.rollout.strategy.step, linearBound)
    : [];
