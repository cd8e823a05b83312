import type { Size, VertexRollout } from '../model.js';
import { maxDisplayName } from './bounds.js';
import type { DeployModelRequest } from './request-types.js';
import type { DeployedModel, RolloutOptions } from './vertex-api.js';

type VertexTarget = Pick<VertexRollout, 'project' | 'location' | 'endpoint'>;

/** The endpoint's resource name: `projects/{project}/locations/{location}/endpoints/{endpoint}`. */
export function vertexEndpointName(rollout: VertexTarget): string {
  return `projects/${rollout.project}/locations/${rollout.location}/endpoints/${rollout.endpoint}`;
}

/**
 * The `deployModel` request (Vertex AI v1beta1, `EndpointService.DeployModel`): the new DeployedModel with
 * `rolloutOptions`, so the endpoint replaces `previousDeployedModel` replica by replica. A count becomes
 * `max…Replicas`, a percent `max…Percentage`. With the DeployedModel preflight found (`previous`), the request
 * names it and takes its `dedicatedResources`, so the new model runs on the same machines and replica counts.
 *
 *   maxSurge 25%, maxUnavailable 0, previous { id: '42', dedicatedResources: R } →
 *   { provider: 'vertex-ai', operation: 'deployModel', endpoint: 'projects/p/locations/l/endpoints/e',
 *     body: { deployedModel: { model, displayName, dedicatedResources: R,
 *       rolloutOptions: { maxSurgePercentage: 25, maxUnavailableReplicas: 0, previousDeployedModel: '42' } } } }
 *
 * Without `previous` (a plan made before preflight) the file's `previousDeployedModel`, if any, is named.
 */
export function vertexRequest(rollout: VertexRollout, previous?: DeployedModel): DeployModelRequest {
  if (rollout.strategy.type !== 'rolling')
    throw new Error('vertexRequest builds a rolling deployment; a canary is vertexStepsRequests');
  const { maxSurge, maxUnavailable } = rollout.strategy;
  const replaced = previous?.id ?? rollout.previousDeployedModel;
  const rolloutOptions: RolloutOptions = {
    ...option('maxSurge', maxSurge),
    ...option('maxUnavailable', maxUnavailable),
    ...(replaced !== undefined && { previousDeployedModel: replaced }),
  };
  return {
    provider: 'vertex-ai',
    operation: 'deployModel',
    endpoint: vertexEndpointName(rollout),
    body: {
      deployedModel: {
        model: rollout.model,
        displayName: rollout.name,
        ...(previous?.dedicatedResources && { dedicatedResources: previous.dedicatedResources }),
        rolloutOptions,
      },
    },
  };
}

/**
 * The revert after a watch timeout: a rolling deployment of the previous model that replaces the one in flight
 * (`inFlight`, the new DeployedModel's id), one replica at a time with none down, on the previous resources.
 *
 *   previous { id: '1', model: 'm@1' }, in flight '2' →
 *   body: { deployedModel: { model: 'm@1', displayName: 'fraud (revert)',
 *     rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: '2' } } }
 */
export function vertexRevertRequest(
  rollout: VertexTarget & Pick<VertexRollout, 'name'>,
  previous: DeployedModel & { readonly model: string },
  inFlight: string,
): DeployModelRequest {
  return {
    provider: 'vertex-ai',
    operation: 'deployModel',
    endpoint: vertexEndpointName(rollout),
    body: {
      deployedModel: {
        model: previous.model,
        displayName: displayNameWith(rollout.name, ' (revert)'),
        ...(previous.dedicatedResources && { dedicatedResources: previous.dedicatedResources }),
        rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: inFlight },
      },
    },
  };
}

/**
 * `name` and `suffix` as one display name within Vertex AI's 128 characters (code points): the name is cut to leave
 * room, so that a name the rules accept (at most 128) still makes a revert the API accepts.
 *
 *   ('fraud', ' (revert)') → 'fraud (revert)';  (128 × 'x', ' (revert)') → 119 × 'x' + ' (revert)'
 */
export function displayNameWith(name: string, suffix: string): string {
  return [...name].slice(0, Math.max(0, maxDisplayName - [...suffix].length)).join('') + suffix;
}

function option(prefix: 'maxSurge' | 'maxUnavailable', size: Size): RolloutOptions {
  return size.kind === 'count'
    ? { [`${prefix}Replicas`]: size.count }
    : { [`${prefix}Percentage`]: size.percent };
}
