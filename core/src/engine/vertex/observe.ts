import type { DeployedModel } from '../../plan/vertex-api.js';
import type { Observation } from '../provider.js';
import type { VertexEndpointView, VertexOperation } from './client.js';

/** What the watcher knows besides the answer it maps. */
export interface VertexWatch {
  /** The rollout's model (`projects/…/models/fraud@2`) and endpoint id, for the words. */
  readonly model: string;
  readonly endpoint: string;
  /** The DeployedModel being replaced, as preflight found it. */
  readonly previous?: DeployedModel;
  /**
   * What is watched: our deployModel's operation (`rollout`), our revert's (`revert`), a rollout started
   * elsewhere through the endpoint alone (`attached`), or our revert whose answer was lost (`revert-unseen`).
   */
  readonly watching: 'rollout' | 'revert' | 'attached' | 'revert-unseen';
}

/**
 * How a finished operation ended the rollout; `undefined` while it runs (the endpoint then says how far it is).
 *
 *   rollout done, no error  → succeeded        rollout done with error → rolled-back (Vertex AI kept the old model)
 *   revert done, no error   → rolled-back      revert done with error  → failed ('the revert failed: …')
 */
export function operationEnded(op: VertexOperation, watch: VertexWatch): Observation | undefined {
  if (!op.done) return undefined;
  const error = op.error && (op.error.message ?? `code ${op.error.code}`);
  if (watch.watching === 'revert')
    return error
      ? { kind: 'failed', reason: `the revert failed: ${error}` }
      : { kind: 'rolled-back', reason: reverted(watch) };
  return error
    ? { kind: 'rolled-back', reason: `Vertex AI stopped the rollout and kept the previous model: ${error}` }
    : { kind: 'succeeded', message: `${watch.model} serves all traffic on endpoint ${watch.endpoint}` };
}

/**
 * What the endpoint says about the rollout: the new DeployedModel's share of traffic and its wave message. Without
 * an operation to end it (`attached`, `revert-unseen`) the endpoint also decides the ending, as the operation's end
 * would: done is all traffic on one model, alone on the endpoint.
 *
 *   new model at 40%, rollout watched        → progress shifting 40%
 *   attached, new model alone at 100%        → succeeded
 *   attached, new model gone                 → rolled-back
 *   revert-unseen, previous model alone 100% → rolled-back ('reverted to …')
 */
export function observeVertexEndpoint(view: VertexEndpointView, watch: VertexWatch): Observation {
  const models = view.deployedModels ?? [];
  const split = view.trafficSplit ?? {};
  const added = models.find((m) => m.id !== watch.previous?.id && m.model === watch.model);
  const traffic = added ? (split[added.id] ?? 0) : 0;
  if (watch.watching === 'revert-unseen') {
    const back = models.find((m) => m.model === watch.previous?.model && split[m.id] === 100);
    if (back && models.length === 1) return { kind: 'rolled-back', reason: reverted(watch) };
    return { kind: 'progress', phase: 'rolling-back', trafficPercent: traffic };
  }
  if (watch.watching === 'attached') {
    if (added && split[added.id] === 100 && models.length === 1)
      return { kind: 'succeeded', message: `${watch.model} serves all traffic` };
    if (!added)
      return { kind: 'rolled-back', reason: `${watch.model} is no longer deployed on the endpoint` };
  }
  return {
    kind: 'progress',
    phase: watch.watching === 'revert' ? 'rolling-back' : traffic > 0 ? 'shifting' : 'provisioning',
    trafficPercent: traffic,
    ...(added?.status?.message && { message: added.status.message }),
  };
}

const reverted = (watch: VertexWatch) => `reverted to ${watch.previous?.model ?? 'the previous model'}`;
