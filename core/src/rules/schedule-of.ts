import type { Rollout, SageMakerRollout } from '../model.js';

/**
 * A rollout as its schedule reads it: the strategy, the fleet's size and kind and the termination wait, with
 * stand-ins for the names and alarms, which no bake or wave depends on. A rule that plans only to time the
 * schedule (`timeout-budget`) plans this, so a name or an alarm that does not read (a hole, core/src/rules/holes.ts)
 * does not keep it from judging the bakes against the timeout.
 *
 *   { endpoint: unread, strategy: canary 25% 10m, … } → { endpoint: 'schedule', strategy: canary 25% 10m, … }
 */
export function scheduleOf<R extends Rollout>(rollout: R): R {
  const base = {
    version: 1 as const,
    name: 'schedule',
    ...(rollout.capacity !== undefined && { capacity: rollout.capacity }),
  };
  if (rollout.provider === 'vertex-ai')
    return {
      ...base,
      provider: 'vertex-ai',
      project: 'schedule',
      location: 'schedule',
      endpoint: '1',
      model: 'projects/schedule/locations/schedule/models/schedule',
      strategy: rollout.strategy,
    } as R;
  const target: SageMakerRollout['target'] =
    rollout.target.kind === 'inferenceComponent'
      ? { kind: 'inferenceComponent', name: 'schedule', model: 'schedule' }
      : { kind: rollout.target.kind, name: 'schedule' };
  return {
    ...base,
    provider: 'sagemaker',
    endpoint: 'schedule',
    target,
    strategy: rollout.strategy,
    terminationWaitSeconds: rollout.terminationWaitSeconds,
    rollback: { alarms: [] },
  } as SageMakerRollout as R;
}
