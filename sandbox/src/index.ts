/**
 * @shiftwise/sandbox: SageMaker, CloudWatch and Vertex AI emulators on loopback, speaking the real
 * wire protocols, with a virtual or scaled clock, fault injection and a control API.
 */
export { realClock, type SandboxClock, VIRTUAL_EPOCH, virtualClock } from './clock.js';
export type { AlarmState } from './cloudwatch/alarms.js';
export type { SandboxControl, ScheduleAlarm, SeedEndpoint, SeedEndpointConfig } from './control.js';
export type { Fault, FaultKind, FaultSpec } from './faults.js';
export type { Transition } from './sagemaker/records.js';
export type { Timings } from './sagemaker/timeline.js';
export { type Sandbox, type SandboxOptions, sandboxEnv, startSandbox } from './sandbox.js';
export { type SeededRollout, seedRollout } from './seed-rollout.js';
export type { VertexControl, VertexSeedEndpoint } from './vertex/control.js';
export type { VertexTransition } from './vertex/records.js';
