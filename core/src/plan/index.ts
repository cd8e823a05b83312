// The planner's public surface (docs/plan.md): schedules, provider requests, renderers and plan diffs.

export { humanDuration } from './human-duration.js';
export { exampleCapacity, plan } from './plan.js';
export { modelTargetConfigName, sageMakerRequest } from './sagemaker-request.js';
export { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from './size.js';
export { planSummary } from './summary.js';
export { vertexRequest } from './vertex-request.js';
