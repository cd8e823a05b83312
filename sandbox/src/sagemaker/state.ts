import type { ErrorRate } from './invocation-metrics.js';
import { settleWeights } from './live-variants.js';
import type { AlarmProbe } from './progress.js';
import { progressAt } from './progress.js';
import type {
  ConfigRecord,
  EndpointRecord,
  InferenceComponentRecord,
  ModelRecord,
  Transition,
} from './records.js';
import { defaultTimings, type Phase, type Timings } from './timeline.js';
import { type TrafficSplit, updateSplits } from './traffic.js';

/** Everything the SageMaker emulator holds. One per sandbox. */
export interface SageMakerState {
  region: string;
  account: string;
  models: Map<string, ModelRecord>;
  configs: Map<string, ConfigRecord>;
  endpoints: Map<string, EndpointRecord>;
  /** Inference components by name, each on one endpoint. */
  components: Map<string, InferenceComponentRecord>;
  timings: Timings;
  /** Fault switch: new instances never pass health checks (per endpoint name, or '*' for all). */
  failingEndpoints: Set<string>;
  /** Endpoint instances allowed per instance type (absent: unlimited). */
  instanceLimits: Map<string, number>;
  /** Alarm changes to schedule when an update of `endpoint` reaches the bake of `step`. */
  alarmsAtStep: { endpoint: string; step: number; alarm: string; state: 'ALARM' | 'OK'; reason: string }[];
  /** Tags by resource ARN (AddTags, the Tags of Create* calls); dropped with the resource. */
  tags: Map<string, Map<string, string>>;
  /** The traffic of deleted endpoints by name, kept for their invocation metrics (CloudWatch keeps those). */
  retiredTraffic: Map<string, TrafficSplit[]>;
  /** The control API's error rates, in the order they were set (each from its `at` on). */
  errorRates: ErrorRate[];
}

export function createSageMakerState(region: string, account = '123456789012'): SageMakerState {
  return {
    region,
    account,
    models: new Map(),
    configs: new Map(),
    endpoints: new Map(),
    components: new Map(),
    timings: { ...defaultTimings },
    failingEndpoints: new Set(),
    instanceLimits: new Map(),
    alarmsAtStep: [],
    tags: new Map(),
    retiredTraffic: new Map(),
    errorRates: [],
  };
}

export function arn(
  state: SageMakerState,
  kind: 'endpoint' | 'endpoint-config' | 'model' | 'inference-component',
  name: string,
): string {
  return `arn:aws:sagemaker:${state.region}:${state.account}:${kind}/${name.toLowerCase()}`;
}

/**
 * Brings an endpoint up to `now`: a creation or an update whose computed end has passed is settled
 * into the record, stamped with the simulated instant it really ended (not the instant it was observed).
 */
export function settle(endpoint: EndpointRecord, now: number, alarms: AlarmProbe): void {
  if (endpoint.status === 'Creating' && endpoint.readyAt !== undefined && now >= endpoint.readyAt) {
    const failed = endpoint.failProvisioning === true;
    endpoint.status = failed ? 'Failed' : 'InService';
    if (failed)
      endpoint.failureReason = `The primary container for production variant(s) of endpoint config ${endpoint.configName} did not pass the ping health check.`;
    endpoint.lastModifiedAt = endpoint.readyAt;
    endpoint.history.push({ at: endpoint.readyAt, endpointStatus: endpoint.status });
    endpoint.readyAt = undefined;
  }
  settleWeights(endpoint, now);
  const update = endpoint.update;
  if (!update) return;
  const progress = progressAt(update, now, alarms);
  if (!progress.outcome) return;
  endpoint.history.push(...phaseTransitions(update.startedAt, progress.phases));
  endpoint.served.push(...updateSplits(update, progress.phases, progress.outcome));
  const { end, result, failureReason } = progress.outcome;
  endpoint.update = undefined;
  endpoint.lastModifiedAt = end;
  endpoint.configName = result === 'succeeded' ? update.to.name : update.from.name;
  // Live weights belong to the config they were set on: a new config starts on its own initial values.
  if (result === 'succeeded') endpoint.live = undefined;
  endpoint.failureReason = failureReason;
  endpoint.status = 'InService';
  endpoint.history.push({ at: end, endpointStatus: 'InService' });
}

/** The transitions an update went through so far (one per phase start, from the call itself). */
export function phaseTransitions(startedAt: number, phases: readonly Phase[]): Transition[] {
  return phases.map((p) => ({
    at: startedAt + p.start * 1000,
    endpointStatus: p.endpointStatus,
    variantStatus: p.status,
    message: p.message,
    step: p.step,
    steps: p.steps,
  }));
}

/** Every transition of an endpoint up to `now`, settled or in flight, oldest first. */
export function transitionsOf(endpoint: EndpointRecord, now: number, alarms: AlarmProbe): Transition[] {
  const live = endpoint.update
    ? phaseTransitions(endpoint.update.startedAt, progressAt(endpoint.update, now, alarms).phases)
    : [];
  return [...endpoint.history, ...live].filter((t) => t.at <= now);
}
