/**
 * @shiftwise/sandbox: SageMaker, CloudWatch and Vertex AI emulators on loopback, speaking the real
 * wire protocols, with a virtual or scaled clock, fault injection and a control API.
 *
 * Architecture invariant: the sandbox knows nothing of the engine or the planner (core for types only); it
 * emulates the services as a client sees them, so the engine is tested against it, never with it.
 * Architecture invariant: the sandbox uses no timers for state; every answer is computed from the clock, so a
 * virtual clock gives deterministic runs.
 */
export { realClock, type SandboxClock, VIRTUAL_EPOCH, virtualClock } from './clock.js';
export type { AlarmState } from './cloudwatch/alarms.js';
export type {
  SandboxControl,
  ScheduleAlarm,
  SeedEndpoint,
  SeedEndpointConfig,
  SetErrorRate,
} from './control.js';
export type { Fault, FaultKind, FaultSpec } from './faults.js';
export { DEFAULT_METRIC_DELAYS, type MetricDelays } from './metric-delays.js';
export {
  MODEL_LATENCY_MICROSECONDS,
  OVERHEAD_LATENCY_MICROSECONDS,
  REQUESTS_PER_MINUTE,
} from './sagemaker/invocation-metrics.js';
export type { Transition } from './sagemaker/records.js';
export type { Timings } from './sagemaker/timeline.js';
export { type Sandbox, type SandboxOptions, sandboxEnv, startSandbox } from './sandbox.js';
export { type SeededRollout, seedRollout } from './seed-rollout.js';
export type { VertexControl, VertexSeedEndpoint } from './vertex/control.js';
export type { VertexTransition } from './vertex/records.js';
