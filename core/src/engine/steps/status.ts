import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import type { Rollout, SageMakerRollout, VertexRollout } from '../../model.js';
import { metricLagSeconds } from '../../plan/metric-lag.js';
import { newVariantName, oldVariantName } from '../../plan/run-steps.js';
import { type StepsState, stateFromTags } from '../../plan/steps-request.js';
import { stateFromLabels } from '../../plan/vertex-labels.js';
import { vertexEndpointName } from '../../plan/vertex-request.js';
import { type Clock, realClock } from '../clock.js';
import { retrying } from '../retry.js';
import { orMissing } from '../sagemaker/checks.js';
import { type SageMakerClients, sageMakerClients, serverDateOf } from '../sagemaker/clients.js';
import { canaryClient } from '../vertex/canary-client.js';
import { VertexError } from '../vertex/client.js';
import { googleTokenSource } from '../vertex/google-token.js';
import { timedOut } from './deadline.js';
import { settledAt } from './judge.js';

/** The timeout words of `state` at `now`, for a status. */
const lateness = (rollout: Rollout, state: StepsState | undefined, now: number) => {
  const late = state && timedOut(state, now, rollout.timeoutSeconds);
  return late === undefined ? {} : { timedOut: late };
};

/** The timeout words and the wait for the last metrics of `state` at `now` (the service's clock), for a status. */
const standingAt = (rollout: Rollout, state: StepsState | undefined, now: number) => {
  const wait = lastMetricsWait(rollout, state, now);
  return { ...lateness(rollout, state, now), ...(wait && { lastMetrics: wait }) };
};

/** A bake (or timed pause) over, its step waiting for its last metrics to settle (`lastMetricsWait`). */
export interface LastMetricsWait {
  /** What is over: the step's bake or its timed pause. */
  readonly after: 'bake' | 'pause';
  /** When it ended (ISO 8601, the service's clock). */
  readonly ended: string;
  /**
   * When the last metrics have settled at the latest (ISO 8601): the step moves on then, or rolls back sooner on a
   * breach in them. A bound, not a promise.
   */
  readonly until: string;
}

/**
 * Whether the recorded step stands in the wait for its last metrics at `now` (the service's clock): its bake (or
 * timed pause) is over, and not every period of it has settled yet — the period holding its end must end, then each
 * check's lag (`metricLagSeconds`) pass, as the driver reckons it (`settlesAt` in ./driver.ts). Undefined in every
 * other case: no checks, another state, the bake still on, the metrics settled (the next look moves on).
 *
 *   baking since 14:00:30, bake 10 min, a 1-minute check with lag 120 s, at 14:11 →
 *     { after: 'bake', ended: '…T14:10:30.000Z', until: '…T14:13:00.000Z' };   at 14:05 or 14:13 → undefined
 */
export function lastMetricsWait(
  rollout: Rollout,
  state: StepsState | undefined,
  now: number,
): LastMetricsWait | undefined {
  if (state?.state !== 'baking' || rollout.strategy.type !== 'steps') return undefined;
  const entry = rollout.strategy.steps[state.step - 1];
  const since = Date.parse(state.since);
  if (entry === undefined || !Number.isFinite(since)) return undefined;
  const ends = since + (entry.kind === 'traffic' ? entry.bakeSeconds : (entry.seconds ?? 0)) * 1000;
  if (ends <= since || now < ends) return undefined;
  const settles = settledAt(
    ends,
    (rollout.analysis ?? []).map((c) => ({
      periodSeconds: c.periodSeconds,
      lagSeconds: metricLagSeconds(c, rollout.provider),
    })),
  );
  if (now >= settles) return undefined;
  const iso = (ms: number) => new Date(ms).toISOString();
  return { after: entry.kind === 'pause' ? 'pause' : 'bake', ended: iso(ends), until: iso(settles) };
}

/** What the endpoint of a Shiftwise-run rollout shows now (`shiftwise status`). */
export interface StepsStatus {
  readonly endpoint: string;
  /** Undefined when the endpoint does not exist. */
  readonly endpointStatus?: string;
  readonly config?: string;
  /** Each variant's name, model-free: weight now and instances now. */
  readonly variants: readonly {
    readonly name: string;
    readonly weight?: number;
    readonly instances?: number;
  }[];
  /** The share of traffic on the new variant, when the two variants are there. */
  readonly newPercent?: number;
  /** The rollout recorded in the endpoint's tags; undefined when none is. */
  readonly state?: StepsState;
  /**
   * Past the file's timeout while traffic could still move forward (`timedOut`), in the words a rollback would
   * record: the next `deploy` (or `promote`) rolls back at once. Judged in the service's clock.
   */
  readonly timedOut?: string;
  /**
   * A rollback alarm of the file in ALARM (the first CloudWatch lists), read while the recorded state is one an
   * alarm rolls back from (starting, shifting, baking, paused, finishing): the next look of a deploy or promote rolls
   * back. SageMaker only; Vertex AI canaries have no alarms.
   */
  readonly alarm?: string;
  /**
   * The recorded step's bake (or timed pause) is over and the step waits for its last metrics to settle
   * (`lastMetricsWait`): a deploy watching it moves on once they have, or rolls back on a breach in them; with none
   * watching, nothing moves until the next deploy (or promote) looks.
   */
  readonly lastMetrics?: LastMetricsWait;
}

export interface StepsStatusOptions {
  /** The clock retries wait on; default the real one (`scaledClock` matches a sandbox's --speed). */
  readonly clock?: Clock;
  /** How long one read is retried through transient faults, in clock time; default 2 minutes. */
  readonly budgetMs?: number;
}

/**
 * Reads where a Shiftwise-run rollout stands, from the endpoint alone; sends nothing that changes it. Transient
 * faults (a dropped connection, throttling, a 5xx) are retried as the engine retries them (`retrying`), for a
 * shorter budget: a status is a glance, not a watch.
 */
export async function stepsStatus(
  rollout: Rollout,
  env: NodeJS.ProcessEnv = process.env,
  options: StepsStatusOptions = {},
): Promise<StepsStatus> {
  const read: Read = (call) =>
    retrying(call, { clock: options.clock ?? realClock, budgetMs: options.budgetMs ?? 2 * 60_000 });
  return rollout.provider === 'sagemaker'
    ? sageMakerStatus(rollout, env, read)
    : vertexStatus(rollout, env, read);
}

/** One read, retried through transient faults. */
type Read = <T>(call: () => Promise<T>) => Promise<T>;

/** The states in which a rollback alarm in ALARM rolls the rollout back at the next look (`halted` in driver.ts). */
const alarmWatched = new Set<StepsState['state']>(['starting', 'shifting', 'baking', 'paused', 'finishing']);

/**
 * A Vertex AI canary: the endpoint's DeployedModels with their share of traffic (as `variants`, named by id), the
 * new model's share of the moving traffic, and the state its labels record.
 */
async function vertexStatus(
  rollout: VertexRollout,
  env: NodeJS.ProcessEnv,
  read: Read,
): Promise<StepsStatus> {
  const client = canaryClient({
    base: env.SHIFTWISE_VERTEX_ENDPOINT ?? `https://${rollout.location}-aiplatform.googleapis.com`,
    monitoring: env.SHIFTWISE_MONITORING_ENDPOINT ?? 'https://monitoring.googleapis.com',
    tokens: googleTokenSource(env),
    endpointName: vertexEndpointName(rollout),
    project: rollout.project,
  });
  let view: Awaited<ReturnType<typeof client.endpoint>>;
  try {
    view = await read(() => client.endpoint());
  } catch (error) {
    if (error instanceof VertexError && error.status === 404)
      return { endpoint: rollout.endpoint, variants: [] };
    throw error;
  }
  const split = view.trafficSplit ?? {};
  const state = stateFromLabels(view.labels);
  const fresh = state?.fresh !== undefined ? (split[state.fresh] ?? 0) : undefined;
  const old = state ? (split[state.previous] ?? 0) : undefined;
  return {
    endpoint: rollout.endpoint,
    endpointStatus: 'deployed',
    config: (view.deployedModels ?? []).map((m) => `${m.id} (${m.model ?? '?'})`).join(', '),
    variants: (view.deployedModels ?? []).map((m) => ({
      name: m.id,
      weight: split[m.id] ?? 0,
      ...(m.dedicatedResources?.minReplicaCount !== undefined && {
        instances: m.dedicatedResources.minReplicaCount,
      }),
    })),
    ...(fresh !== undefined &&
      old !== undefined &&
      fresh + old > 0 && { newPercent: Math.round((fresh / (fresh + old)) * 1000) / 10 }),
    ...(state && { state }),
    ...standingAt(rollout, state, view.answeredAt ?? Date.now()),
  };
}

async function sageMakerStatus(
  rollout: SageMakerRollout,
  env: NodeJS.ProcessEnv,
  read: Read,
): Promise<StepsStatus> {
  const clients = sageMakerClients(rollout.region, env);
  try {
    const view = await read(() =>
      orMissing(clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: rollout.endpoint }))),
    );
    if (!view) return { endpoint: rollout.endpoint, variants: [] };
    const arn = view.EndpointArn;
    const tags = arn
      ? ((
          await read(() => clients.sagemaker.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100 })))
        ).Tags ?? [])
      : [];
    const variants = (view.ProductionVariants ?? []).map((v) => ({
      name: v.VariantName ?? '',
      ...(v.CurrentWeight !== undefined && { weight: v.CurrentWeight }),
      ...(v.CurrentInstanceCount !== undefined && { instances: v.CurrentInstanceCount }),
    }));
    const weightOf = (name: string) => variants.find((v) => v.name === name)?.weight;
    const fresh = weightOf(newVariantName);
    const old = weightOf(oldVariantName);
    const state = stateFromTags(tags);
    const alarm =
      state && alarmWatched.has(state.state) ? await firingAlarm(rollout, clients, read) : undefined;
    return {
      endpoint: rollout.endpoint,
      ...(view.EndpointStatus && { endpointStatus: view.EndpointStatus }),
      ...(view.EndpointConfigName && { config: view.EndpointConfigName }),
      variants,
      ...(fresh !== undefined &&
        old !== undefined &&
        fresh + old > 0 && { newPercent: Math.round((fresh / (fresh + old)) * 1000) / 10 }),
      ...(state && { state }),
      ...standingAt(rollout, state, serverDateOf(view) ?? Date.now()),
      ...(alarm !== undefined && { alarm }),
    };
  } finally {
    clients.sagemaker.destroy();
    clients.cloudwatch.destroy();
  }
}

/** The first of the file's rollback alarms CloudWatch shows in ALARM, as the driver reads them. */
async function firingAlarm(
  rollout: SageMakerRollout,
  clients: SageMakerClients,
  read: Read,
): Promise<string | undefined> {
  if (rollout.rollback.alarms.length === 0) return undefined;
  const found = await read(() =>
    clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...rollout.rollback.alarms] })),
  );
  return [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].find(
    (a) => a.StateValue === 'ALARM',
  )?.AlarmName;
}
