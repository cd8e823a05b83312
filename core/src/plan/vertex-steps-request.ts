import type { VertexRollout } from '../model.js';
import type { DeployModelRequest, PatchEndpointRequest, UndeployModelRequest } from './request-types.js';
import type { DeployedModel, TrafficSplit } from './vertex-api.js';
import { vertexEndpointName } from './vertex-request.js';

/**
 * The requests of a Vertex AI canary Shiftwise runs (`strategy.type: steps`, GA v1 API), each a pure function of the
 * file and what the endpoint shows:
 *
 *   deployModel      the new model beside the previous one, with the first step's share (`"0"` is the new model)
 *   endpoints.patch  labels: where the rollout stands;  trafficSplit: one per traffic step
 *   undeployModel    the previous model once the new one has 100% of its share (or the new one after a rollback)
 *
 * Other DeployedModels the file names (`otherDeployedModels`) keep their share; the previous model's share is what
 * moves.
 */

export type VertexStepsRollout = VertexRollout & { readonly strategy: { readonly type: 'steps' } };

/**
 * The split at a step: `percent` of the previous model's share to the new one (rounded), the rest of it to the
 * previous one, the others as they are. Sums to 100 whenever the others' shares leave room.
 *
 *   25%, previous '1' alone → { new: 25, '1': 75 };  50%, previous '1' with 80 and '7' with 20 → { new: 40, '1': 40, '7': 20 }
 */
export function splitAt(
  percent: number,
  previous: string,
  fresh: string,
  others: TrafficSplit = {},
): Record<string, number> {
  const kept = Object.values(others).reduce((sum, n) => sum + n, 0);
  const share = Math.max(0, 100 - kept);
  const moved = Math.round((share * Math.min(100, Math.max(0, percent))) / 100);
  return { ...others, [fresh]: moved, [previous]: share - moved };
}

/**
 * The new model's share as it is deployed: the first step's percent when the file starts with a traffic step, 0 when
 * it starts with a pause (a pause keeps the traffic before it, which is none: the plan's step table says 0% for it).
 * Taking the first traffic step after the pause sent that share at deploy, so the new model served it through the
 * pause.
 */
export function firstShare(rollout: VertexStepsRollout): number {
  const first = rollout.strategy.type === 'steps' ? rollout.strategy.steps[0] : undefined;
  return first?.kind === 'traffic' ? first.percent : 0;
}

/**
 * The `deployModel` of the new model (v1): on the previous model's machines with `capacity` replicas (when given),
 * with the first step's share of the previous model's traffic.
 */
export function canaryDeployRequest(
  rollout: VertexStepsRollout,
  previous: DeployedModel,
  others: TrafficSplit,
  capacity: number | undefined,
): DeployModelRequest {
  const resources = previous.dedicatedResources;
  const replicas = capacity ?? resources?.minReplicaCount;
  return {
    provider: 'vertex-ai',
    operation: 'deployModel',
    version: 'v1',
    endpoint: vertexEndpointName(rollout),
    body: {
      deployedModel: {
        model: rollout.model,
        displayName: rollout.name,
        ...(resources && {
          dedicatedResources: {
            ...resources,
            ...(replicas !== undefined && {
              minReplicaCount: replicas,
              maxReplicaCount: Math.max(replicas, resources.maxReplicaCount ?? replicas),
            }),
          },
        }),
      },
      trafficSplit: splitAt(firstShare(rollout), previous.id, '0', others),
    },
  };
}

/** One traffic step: the split with `percent` of the previous model's share on the new one. */
export function splitRequest(
  rollout: VertexStepsRollout,
  split: Record<string, number>,
): PatchEndpointRequest {
  return {
    provider: 'vertex-ai',
    operation: 'patchEndpoint',
    endpoint: vertexEndpointName(rollout),
    updateMask: 'trafficSplit',
    body: { trafficSplit: split },
  };
}

/** The endpoint's labels, replaced whole (what `updateMask=labels` does): the user's, and Shiftwise's state. */
export function labelsRequest(
  rollout: VertexStepsRollout,
  labels: Readonly<Record<string, string>>,
): PatchEndpointRequest {
  return {
    provider: 'vertex-ai',
    operation: 'patchEndpoint',
    endpoint: vertexEndpointName(rollout),
    updateMask: 'labels',
    body: { labels },
  };
}

/** Removes `deployedModelId`, leaving `split` on the models that stay. */
export function undeployRequest(
  rollout: VertexStepsRollout,
  deployedModelId: string,
  split: Record<string, number>,
): UndeployModelRequest {
  return {
    provider: 'vertex-ai',
    operation: 'undeployModel',
    endpoint: vertexEndpointName(rollout),
    body: { deployedModelId, trafficSplit: split },
  };
}
