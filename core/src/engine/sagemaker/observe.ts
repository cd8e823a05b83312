import type { Observation, Phase } from '../provider.js';

/** The members of DescribeEndpoint's answer the watcher reads (AWS SDK v3 `DescribeEndpointCommandOutput`). */
export interface EndpointView {
  readonly EndpointStatus?: string;
  readonly EndpointConfigName?: string;
  readonly FailureReason?: string;
  readonly CreationTime?: Date;
  readonly LastModifiedTime?: Date;
  readonly PendingDeploymentSummary?: {
    readonly EndpointConfigName?: string;
    readonly StartTime?: Date;
    readonly ProductionVariants?: readonly VariantView[];
  };
  readonly ProductionVariants?: readonly VariantView[];
}

interface VariantView {
  readonly CurrentInstanceCount?: number;
  readonly DesiredInstanceCount?: number;
  readonly VariantStatus?: readonly { Status?: string; StatusMessage?: string; StartTime?: Date }[];
}

const phases: Record<string, Phase> = {
  Creating: 'provisioning',
  Updating: 'provisioning',
  ActivatingTraffic: 'shifting',
  Baking: 'baking',
  Deleting: 'terminating',
};

/**
 * What the watcher knows of the endpoint our update runs on, in the service's own clock: when the endpoint was
 * created (its first DescribeEndpoint) and when our update started (`PendingDeploymentSummary.StartTime`, else
 * `LastModifiedTime`, the first time the update was seen running).
 */
export interface UpdateHistory {
  /** The resource's CreationTime as first seen (an endpoint's, or an inference component's). */
  readonly endpointCreatedAt?: Date;
  readonly updateStartedAt?: Date;
}

/**
 * What one DescribeEndpoint says about our update to `target` (docs/engine.md). `InService` counts as success only
 * on the target config; `InService` on any other config after the update was seen is a rollback — the case the
 * SDK's `waitUntilEndpointInService` reports as success — when the endpoint shows a sign of our update: a
 * FailureReason, or a change after our update started. An endpoint created anew, or one untouched since before our
 * update started, did not roll back: it was reset (a restarted emulator, a stack redeployed), and that is said.
 *
 *   InService on target                    → succeeded
 *   InService on the old config, updating seen, FailureReason → rolled-back (FailureReason, alarm named in it)
 *   … no FailureReason, CreationTime not the one seen first → failed ("… was created anew …")
 *   … no FailureReason, LastModifiedTime not after our start → failed ("… no sign of this update …")
 *   Updating, green Baking "Baking for 600 seconds …" started at T → baking, ends T + 600 s
 *   Failed / UpdateRollbackFailed          → failed with FailureReason
 */
export function observeEndpoint(
  view: EndpointView,
  target: string,
  updateSeen: boolean,
  history: UpdateHistory = {},
): Observation {
  const status = view.EndpointStatus;
  const reason = view.FailureReason;
  if (status === 'InService') {
    if (view.EndpointConfigName === target) return { kind: 'succeeded', message: `InService on ${target}` };
    if (!updateSeen && reason === undefined)
      return { kind: 'progress', phase: 'waiting', message: 'update not visible yet' };
    const reset = reason === undefined ? resetWords(view, target, history) : undefined;
    if (reset !== undefined) return { kind: 'failed', reason: reset };
    const alarm = alarmNamedIn(reason);
    return {
      kind: 'rolled-back',
      reason: reason ?? `the endpoint is back InService on ${view.EndpointConfigName}, not ${target}`,
      ...(alarm !== undefined && { alarm }),
    };
  }
  if (status === 'Failed' || status === 'UpdateRollbackFailed')
    return { kind: 'failed', reason: `endpoint ${status}${reason ? `: ${reason}` : ''}` };
  if (status === 'RollingBack')
    return { kind: 'progress', phase: 'rolling-back', message: reason ?? 'rolling back' };
  const pending = view.PendingDeploymentSummary;
  if (pending?.EndpointConfigName !== undefined && pending.EndpointConfigName !== target)
    return {
      kind: 'failed',
      reason: `another update, to ${pending.EndpointConfigName}, is running on the endpoint`,
    };
  const green = pending?.ProductionVariants ?? [];
  const statusOf = [...green, ...(view.ProductionVariants ?? [])].flatMap((v) => v.VariantStatus ?? [])[0];
  const desired = green.reduce((n, v) => n + (v.DesiredInstanceCount ?? 0), 0);
  const active = green.reduce((n, v) => n + (v.CurrentInstanceCount ?? 0), 0);
  const phase = (statusOf?.Status && phases[statusOf.Status]) || 'waiting';
  const bake = statusOf?.StatusMessage?.match(/Baking for (\d+) seconds/);
  const bakeEndsAt =
    phase === 'baking' && bake && statusOf?.StartTime
      ? statusOf.StartTime.getTime() + Number(bake[1]) * 1000
      : undefined;
  return {
    kind: 'progress',
    phase,
    ...(desired > 0 && { trafficPercent: Math.round((active / desired) * 100) }),
    ...(bakeEndsAt !== undefined && { bakeEndsAt }),
    ...(statusOf?.StatusMessage && { message: statusOf.StatusMessage }),
  };
}

/**
 * Why an endpoint back on another config without a FailureReason did not roll back our update, from its times;
 * undefined when they do not say (the endpoint changed after our update started: a rollback, as far as can be told).
 */
function resetWords(view: EndpointView, target: string, history: UpdateHistory): string | undefined {
  return notRolledBack(
    'endpoint',
    `InService on ${view.EndpointConfigName}, not ${target}, with no FailureReason`,
    view,
    history,
  );
}

/**
 * Shared by endpoints and inference components: a resource created anew (its CreationTime is not the one seen
 * first), or untouched since before our update started (LastModifiedTime not after its start), was reset, not
 * rolled back; the words say which. Undefined when its times do not say so.
 */
export function notRolledBack(
  what: string,
  state: string,
  times: { readonly CreationTime?: Date; readonly LastModifiedTime?: Date },
  history: UpdateHistory,
): string | undefined {
  const created = times.CreationTime;
  const first = history.endpointCreatedAt;
  if (created && first && created.getTime() !== first.getTime())
    return `the ${what} was created anew while the update ran (CreationTime ${iso(created)}, was ${iso(first)}): it is ${state}; nothing rolled back that Shiftwise saw, the update was lost with the ${what} it ran on`;
  const modified = times.LastModifiedTime;
  const started = history.updateStartedAt;
  if (modified && started && modified.getTime() <= started.getTime())
    return `the ${what} is ${state} and no sign of this update in its history (LastModifiedTime ${iso(modified)} is not after the update started at ${iso(started)}): nothing rolled back; the ${what} was reset to an earlier state while the update ran`;
  return undefined;
}

const iso = (date: Date) => date.toISOString();

/**
 * The alarm a rollback's FailureReason names, in the words SageMaker has been seen to use (AWS documents none):
 *
 *   "Alarm fraud-5xx went into ALARM state during …" → fraud-5xx;  no alarm in the words → undefined
 */
export function alarmNamedIn(reason: string | undefined): string | undefined {
  return reason?.match(/[Aa]larm[s]? \[?"?([^\s"\],]+)"?\]? (?:went|is|was|in)/)?.[1];
}
