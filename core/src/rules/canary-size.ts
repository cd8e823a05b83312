import type { Rule } from './rule.js';
import { checkShare, type ShareBound } from './share-bound.js';

/** CanarySize: 1–50%, or a count of at least 1 and at most half the capacity; capacity 1 cannot canary. */
export const canaryBound: ShareBound = {
  code: 'canary-size',
  path: 'strategy.size',
  what: 'a canary',
  minPercent: 1,
  maxPercent: 50,
  minCount: 1,
  tooSmall:
    'a canary must leave most of the fleet on the old version; use type: all-at-once, or raise capacity to 2 or more',
};

export const canarySize: Rule = (context) =>
  context.rollout.provider === 'sagemaker' && context.rollout.strategy.type === 'canary'
    ? checkShare(context, context.rollout.strategy.size, canaryBound)
    : [];
