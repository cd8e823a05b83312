// The planner's public surface (docs/plan.md): schedules, provider requests, renderers and plan diffs.
// Architecture invariant: the planner is the only place provider requests are built, from the file and what
// preflight found; it does no I/O and imports nothing from @aws-sdk (the engine only sends what it returns).

export { maxFleet, maxSteps } from './bounds.js';
export { createEndpointConfigRequest } from './create-config-request.js';
export { humanDuration } from './human-duration.js';
export { exampleCapacity, plan } from './plan.js';
export { recordedName } from './recorded-name.js';
export type {
  AddTagsRequest,
  CreateEndpointConfigRequest,
  DeleteTagsRequest,
  DeployModelRequest,
  Found,
  ProviderRequest,
  RolloutRequest,
  UpdateEndpointRequest,
  UpdateInferenceComponentRequest,
  UpdateWeightsRequest,
} from './request-types.js';
export { newInstancesAt, newVariantName, oldVariantName } from './run-steps.js';
export type * from './sagemaker-api.js';
export { modelTargetConfigName, sageMakerRequest, targetConfigName } from './sagemaker-request.js';
export { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from './size.js';
export { isStepsRollout } from './steps-plan.js';
export {
  finalConfigName,
  type StepsPhase,
  type StepsRollout,
  type StepsState,
  stateFromTags,
  stepsConfigName,
} from './steps-request.js';
export { pacedByWaves, planSubject, planSummary } from './summary.js';
export type { PlannedCall, PlannedCheck } from './types.js';
export type * from './vertex-api.js';
export { labelValue } from './vertex-labels.js';
export { vertexEndpointName, vertexRequest, vertexRevertRequest } from './vertex-request.js';
export { vertexWaveEstimateSeconds } from './vertex-schedule.js';
