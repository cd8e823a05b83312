import type { Rollout } from '../model.js';
import { plannedCheck } from './analysis-queries.js';
import { componentRequest } from './component-request.js';
import { createEndpointConfigRequest } from './create-config-request.js';
import type { Found } from './request-types.js';
import { sageMakerRequest } from './sagemaker-request.js';
import { isStepsRollout, stepsRequests } from './steps-plan.js';
import type { Plan } from './types.js';
import { vertexRequest } from './vertex-request.js';
import { isVertexSteps, vertexStepsRequests } from './vertex-steps-plan.js';

/**
 * A plan's requests from the file and, at deploy time, what preflight found (`found` of the rollout's provider;
 * another provider's is ignored):
 *
 *   SageMaker, endpointConfig target            → request UpdateEndpoint
 *   SageMaker, model target, current config read → prepare CreateEndpointConfig, request UpdateEndpoint
 *   SageMaker, inferenceComponent target        → request UpdateInferenceComponent (the live Specification
 *                                                  with the new model, once preflight read it)
 *   SageMaker, steps                             → request UpdateEndpoint to the two-variant config, prepare its
 *                                                  CreateEndpointConfig once preflight read the live one, and
 *                                                  the whole sequence (steps-plan.ts)
 *   Vertex AI, previous DeployedModel found      → request deployModel naming it, on its resources
 */
export function requestsFor(
  rollout: Rollout,
  found?: Found,
  capacity = 1,
): Pick<Plan, 'request' | 'prepare' | 'sequence' | 'analysis'> {
  if (rollout.provider === 'vertex-ai') {
    const previous = found?.provider === 'vertex-ai' ? found.previous : undefined;
    const others = found?.provider === 'vertex-ai' ? found.others : undefined;
    return isVertexSteps(rollout)
      ? vertexStepsRequests(rollout, capacity, previous, others)
      : {
          request: vertexRequest(rollout, previous),
          ...(rollout.analysis !== undefined && {
            analysis: rollout.analysis.map((c) => plannedCheck(c, rollout.provider)),
          }),
        };
  }
  const sageMaker = found?.provider === 'sagemaker' ? found : undefined;
  if (isStepsRollout(rollout)) return stepsRequests(rollout, capacity, found);
  if (rollout.target.kind === 'inferenceComponent')
    return { request: componentRequest(rollout, rollout.target, sageMaker?.currentComponent) };
  const current = sageMaker?.currentConfig;
  return {
    request: sageMakerRequest(rollout),
    ...(rollout.target.kind === 'model' &&
      current && { prepare: createEndpointConfigRequest(rollout, current) }),
  };
}
