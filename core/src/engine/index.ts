// The engine entry point (docs/engine.md): providers and the runner. Only this part does cloud I/O.
// Architecture invariant: the engine builds no provider request of its own; it sends the plan's (`prepare`,
// `request`) and the planner's revert (calling the planner's builders, never its own), and maps the answers to observations with pure functions (`observeEndpoint`,
// `observeComponent`, `observeVertexEndpoint`).
export { type Clock, realClock, scaledClock } from './clock.js';
export { type HeartbeatOptions, type HeartbeatTimes, heartbeatLine, steadyEnd } from './heartbeat.js';
export { nextPollDelayMs } from './poll.js';
export { type ProgressWordsOptions, progressWords, type StepTime, stepTimes } from './progress-words.js';
export type { Observation, Phase, Preflight, Provider, Resumed } from './provider.js';
export { type ProviderOptions, providerFor } from './provider-for.js';
export type { DeployEvent, DeployReport, Outcome, StepSeen } from './report.js';
export { RetriesExhausted, type RetryOptions, retrying } from './retry.js';
export { type Refusal, refusalAtCapacity } from './revalidate.js';
export { type DeployOptions, deploy } from './runner.js';
export { inferenceComponentProvider, roomWords, specificationOf } from './sagemaker/component-provider.js';
export { alarmNamedIn, type EndpointView, observeEndpoint } from './sagemaker/observe.js';
export { type ComponentTarget, type ComponentView, observeComponent } from './sagemaker/observe-component.js';
export { type SageMakerClients, sageMakerClients, sageMakerProvider } from './sagemaker/provider.js';
export { deploymentConfigDifferences } from './sagemaker/same-update.js';
export {
  type CheckVerdict,
  judge,
  type PeriodVerdict,
  verdictScope,
  verdictWords,
} from './steps/judge.js';
export { type StepsMode, stepsProvider } from './steps/provider.js';
export {
  type LastMetricsWait,
  type StepsStatus,
  type StepsStatusOptions,
  stepsStatus,
} from './steps/status.js';
export { errorText, isTransient } from './transient.js';
export { type CanaryOptions, vertexCanaryProvider } from './vertex/canary-provider.js';
export {
  type VertexClient,
  type VertexEndpointView,
  VertexError,
  type VertexOperation,
  vertexClient,
} from './vertex/client.js';
export { GoogleAuthError, googleTokenSource, type TokenSource } from './vertex/google-token.js';
export { observeVertexEndpoint, operationEnded, type VertexWatch } from './vertex/observe.js';
export { type VertexOptions, vertexProvider } from './vertex/provider.js';
