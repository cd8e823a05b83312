import type { SandboxClock } from './clock.js';
import { type AlarmState, firstAlarmIn, recordChange } from './cloudwatch/alarms.js';
import type { CloudWatchState } from './cloudwatch/operations.js';
import { validation } from './errors.js';
import type { Fault, FaultQueue, FaultSpec } from './faults.js';
import { type MetricDelays, setMetricDelay } from './metric-delays.js';
import type { AlarmProbe } from './sagemaker/progress.js';
import type { Transition } from './sagemaker/records.js';
import { type SageMakerState, settle, transitionsOf } from './sagemaker/state.js';
import type { Timings } from './sagemaker/timeline.js';
import { type SeedEndpoint, type SeedEndpointConfig, type SeedInferenceComponent, seeders } from './seed.js';
import type { VertexControl } from './vertex/control.js';

export type { SeedEndpoint, SeedEndpointConfig, SeedInferenceComponent } from './seed.js';

export interface SetErrorRate {
  endpoint: string;
  /** A production variant's name (VariantName); default any. */
  variant?: string;
  /** A model's name (the variant's ModelName); default any. */
  model?: string;
  /** The share of invocations that answer 5XX, from 0 to 1. */
  rate: number;
}

export interface ScheduleAlarm {
  alarm: string;
  /** Default ALARM. */
  state?: AlarmState;
  reason?: string;
  /** Simulated epoch ms at which the alarm changes. */
  at?: number;
  /** … or simulated seconds from now. */
  inSeconds?: number;
  /** … or one second into the bake of step `step` of the next update of `endpoint` (or inference component). */
  endpoint?: string;
  step?: number;
}

/**
 * The control handle of a sandbox: seeding, scheduled alarm changes, fault injection and
 * observation of state transitions. Every method is also served as `POST /_sandbox/<name>` with
 * the argument as the JSON body (see docs/sandbox.md).
 */
export interface SandboxControl {
  seedModel(input: { name: string; image?: string }): { arn: string };
  seedEndpointConfig(input: SeedEndpointConfig): { arn: string };
  /** An endpoint already InService on `config` (no Creating phase). */
  seedEndpoint(input: SeedEndpoint): { arn: string };
  /** An inference component already InService on `endpoint`, running `model` as `copies` copies. */
  seedInferenceComponent(input: SeedInferenceComponent): { arn: string };
  /** An alarm in `state` (default OK). */
  seedAlarm(input: { name: string; state?: AlarmState }): { arn: string };
  setAlarmState(input: { alarm: string; state: AlarmState; reason?: string }): void;
  scheduleAlarm(input: ScheduleAlarm): { at?: number };
  injectFault(spec: FaultSpec): Fault;
  faults(): Fault[];
  clearFaults(): void;
  /** New instances of `endpoint` (default every endpoint) never pass health checks. */
  failNewInstances(input: { endpoint?: string; enabled?: boolean }): void;
  setTimings(input: Partial<Timings>): Timings;
  /** At most `limit` endpoint instances of `instanceType` (default ml.m5.large); beyond: ResourceLimitExceeded. */
  setInstanceLimit(input: { instanceType?: string; limit?: number }): void;
  /** The tags of an endpoint (by name) or of any resource (by ARN), as ListTags holds them. */
  tags(input: { endpoint?: string; arn?: string }): Record<string, string>;
  /**
   * From now on, `rate` (0–1) of the invocations of `endpoint`'s variants answer 5XX in its invocation metrics: of
   * the variant named `variant`, or running `model`, or (neither given) every variant. The latest setting that
   * matches a variant applies; `rate: 0` ends it. Answers the simulated instant it applies from.
   */
  setErrorRate(input: SetErrorRate): { at: number };
  /**
   * How late metrics show, in seconds after their period ends: SageMaker's invocation metrics in CloudWatch
   * (`provider: 'sagemaker'`, default 60) or Vertex AI's prediction metrics in Cloud Monitoring (`'vertex-ai'`,
   * default 120), or both when no provider is given. Answers the delays as they now stand.
   */
  setMetricDelay(input: { provider?: 'sagemaker' | 'vertex-ai'; seconds: number }): MetricDelays;
  /** The delays of `setMetricDelay`. */
  metricDelays(): MetricDelays;
  /** Every state transition of an endpoint up to now (simulated ms), settled or in flight. */
  transitions(input: { endpoint: string }): Transition[];
  /** The simulated instant of the latest transition of `endpoint` (default: any endpoint). */
  lastTransition(input?: { endpoint?: string }): Transition | undefined;
  now(): number;
  /** Virtual clock only: moves simulated time forward. */
  advance(input: { ms?: number; seconds?: number }): Promise<{ now: number }>;
  vertex: VertexControl;
}

export interface ControlDeps {
  clock: SandboxClock;
  sageMaker: SageMakerState;
  cloudWatch: CloudWatchState;
  faults: FaultQueue;
  vertex: VertexControl;
  /** How late metrics show; the services read it at each request. */
  delays: MetricDelays;
}

export function alarmProbe(cloudWatch: CloudWatchState): AlarmProbe {
  return (name, from, to) => {
    const alarm = cloudWatch.alarms.get(name);
    return alarm ? firstAlarmIn(alarm, from, to) : undefined;
  };
}

export function createControl(deps: ControlDeps): SandboxControl {
  const { clock, sageMaker, cloudWatch, faults } = deps;
  const probe = alarmProbe(cloudWatch);
  const lastOf = (endpoint: string) => {
    const record = sageMaker.endpoints.get(endpoint);
    if (!record) return undefined;
    const now = clock.now();
    settle(record, now, probe);
    return transitionsOf(record, now, probe).at(-1);
  };
  return {
    ...seeders(deps),
    setAlarmState({ alarm, state, reason }) {
      const record = cloudWatch.alarms.get(alarm);
      if (!record) throw validation(`No alarm named ${alarm}; seed it first.`);
      recordChange(record, { at: clock.now(), state, reason: reason ?? 'Set by the sandbox control API' });
    },
    scheduleAlarm(input) {
      const record = cloudWatch.alarms.get(input.alarm);
      if (!record) throw validation(`No alarm named ${input.alarm}; seed it first.`);
      const state = input.state ?? 'ALARM';
      const reason = input.reason ?? `Threshold Crossed: scheduled by the sandbox control API`;
      if (input.endpoint !== undefined && input.step !== undefined) {
        if (state === 'INSUFFICIENT_DATA') throw validation('A step-bound alarm change must be ALARM or OK.');
        sageMaker.alarmsAtStep.push({
          endpoint: input.endpoint,
          step: input.step,
          alarm: input.alarm,
          state,
          reason,
        });
        return {};
      }
      const at =
        input.at ?? (input.inSeconds !== undefined ? clock.now() + input.inSeconds * 1000 : undefined);
      if (at === undefined)
        throw validation('scheduleAlarm needs `at`, `inSeconds`, or `endpoint` and `step`.');
      recordChange(record, { at, state, reason });
      return { at };
    },
    injectFault: (spec) => faults.add(spec),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    failNewInstances({ endpoint, enabled }) {
      const key = endpoint ?? '*';
      if (enabled === false) sageMaker.failingEndpoints.delete(key);
      else sageMaker.failingEndpoints.add(key);
    },
    setTimings(input) {
      for (const [key, value] of Object.entries(input))
        if (key in sageMaker.timings && typeof value === 'number' && value >= 0)
          sageMaker.timings[key as keyof Timings] = value;
      return { ...sageMaker.timings };
    },
    setInstanceLimit({ instanceType, limit }) {
      const type = instanceType ?? 'ml.m5.large';
      if (limit === undefined) sageMaker.instanceLimits.delete(type);
      else sageMaker.instanceLimits.set(type, limit);
    },
    tags({ endpoint, arn: given }) {
      const resource =
        given?.toLowerCase() ?? (endpoint ? sageMaker.endpoints.get(endpoint)?.arn : undefined);
      if (resource === undefined)
        throw validation(
          endpoint ? `No endpoint named ${endpoint}.` : 'tags needs `endpoint` (a name) or `arn`.',
        );
      return Object.fromEntries(sageMaker.tags.get(resource) ?? []);
    },
    setErrorRate({ endpoint, variant, model, rate }) {
      if (!sageMaker.endpoints.has(endpoint))
        throw validation(`No endpoint named ${endpoint}; seed or create it first.`);
      const meaning = 'the share of invocations that answer 5XX, from 0 to 1 (0.05 for 5 %)';
      if (rate === undefined) throw validation(`setErrorRate needs 'rate', ${meaning}.`);
      if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
        throw validation(`setErrorRate: 'rate' is ${meaning}, not ${JSON.stringify(rate)}.`);
      const at = clock.now();
      sageMaker.errorRates.push({
        at,
        endpoint,
        ...(variant !== undefined ? { variant } : {}),
        ...(model !== undefined ? { model } : {}),
        rate,
      });
      return { at };
    },
    setMetricDelay: (input) => setMetricDelay(deps.delays, input),
    metricDelays: () => ({ ...deps.delays }),
    transitions({ endpoint }) {
      const record = sageMaker.endpoints.get(endpoint);
      if (!record) throw validation(`No endpoint named ${endpoint}.`);
      const now = clock.now();
      settle(record, now, probe);
      return transitionsOf(record, now, probe);
    },
    lastTransition(input = {}) {
      const names = input.endpoint ? [input.endpoint] : [...sageMaker.endpoints.keys()];
      const all = names.map(lastOf).filter((t): t is Transition => t !== undefined);
      return all.sort((a, b) => a.at - b.at).at(-1);
    },
    now: () => clock.now(),
    async advance({ ms, seconds }) {
      if (clock.kind !== 'virtual')
        throw validation('advance needs a virtual clock (start the sandbox with clock: "virtual").');
      await clock.advance(ms ?? (seconds ?? 0) * 1000);
      return { now: clock.now() };
    },
    vertex: deps.vertex,
  };
}
