import { durationRange } from './helpers.js';
import type { Rule } from './rule.js';

/** WaitIntervalInSeconds: 0–3600 s (canary, linear and rolling bakes). */
export const bakeRange: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'sagemaker' || !('bakeSeconds' in rollout.strategy)) return [];
  return durationRange(context, 'bake-range', 'strategy.bake', rollout.strategy.bakeSeconds, {
    min: 0,
    max: 3600,
    what: 'a bake (WaitIntervalInSeconds)',
  });
};
