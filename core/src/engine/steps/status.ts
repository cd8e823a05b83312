import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import type { Rollout, SageMakerRollout, VertexRollout } from '../../model.js';
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

/** The timeout words of `state` at `now`, for a status. */
const lateness = (rollout: Rollout, state: StepsState | undefined, now: number) => {
  const late = state && timedOut(state, now, rollout.timeoutSeconds);
  return late === undefined ? {} : { timedOut: late };
};

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
    ...lateness(rollout, state, view.answeredAt ?? Date.now()),
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
      ...lateness(rollout, state, serverDateOf(view) ?? Date.now()),
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
