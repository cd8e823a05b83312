import type { Size, VertexRollout } from '../model.js';

/**
 * The `deployModel` body (Vertex AI v1beta1, `EndpointService.DeployModel`): the new DeployedModel with
 * `rolloutOptions`, so the endpoint replaces `previousDeployedModel` replica by replica. A count becomes
 * `max…Replicas`, a percent `max…Percentage`.
 *
 *   maxSurge 25%, maxUnavailable 0, previous 42 →
 *   { deployedModel: { model, displayName,
 *       rolloutOptions: { maxSurgePercentage: 25, maxUnavailableReplicas: 0, previousDeployedModel: '42' } } }
 *
 * Without `previousDeployedModel` in the file the engine fills it in from the endpoint before sending.
 */
export function vertexRequest(rollout: VertexRollout): Record<string, unknown> {
  const { maxSurge, maxUnavailable } = rollout.strategy;
  const rolloutOptions = {
    ...option('maxSurge', maxSurge),
    ...option('maxUnavailable', maxUnavailable),
    ...(rollout.previousDeployedModel !== undefined && {
      previousDeployedModel: rollout.previousDeployedModel,
    }),
  };
  return { deployedModel: { model: rollout.model, displayName: rollout.name, rolloutOptions } };
}

function option(prefix: 'maxSurge' | 'maxUnavailable', size: Size): Record<string, number> {
  return size.kind === 'count'
    ? { [`${prefix}Replicas`]: size.count }
    : { [`${prefix}Percentage`]: size.percent };
}
