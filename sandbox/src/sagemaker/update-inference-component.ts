import { validation } from '../errors.js';
import {
  type Json,
  nameRules,
  optionalObject,
  requiredInteger,
  requiredObject,
  requiredString,
} from '../http/input.js';
import type { SageMakerContext } from './context.js';
import { BOUNDS, readAlarms, readRolling } from './deployment-config.js';
import { componentNamed, readVersion } from './inference-components.js';
import type { UpdatePolicy } from './policy.js';
import type { ComponentVersion, InferenceComponentRecord } from './records.js';
import { rollingTimeline } from './timeline.js';

const PATH = 'deploymentConfig';

/**
 * UpdateInferenceComponent: checks what the service checks (the component InService and not updating, the
 * model exists, the rolling policy's bounds against the new copy count), then plans the batches of copies
 * from the clock: per batch, new copies start, take their share of traffic, bake WaitIntervalInSeconds, and
 * as many old copies stop. An alarm in a bake or the timeout rolls the copies back.
 * Without a DeploymentConfig every copy is replaced in one batch, with no bake and no alarms.
 */
export function updateInferenceComponent(ctx: SageMakerContext, input: Json): Json {
  const component = componentNamed(ctx, requiredString(input, 'InferenceComponentName', '', nameRules));
  const to = readTarget(ctx, component, input);
  const deployment = optionalObject(input, 'DeploymentConfig');
  if (component.update || component.status === 'Creating')
    throw validation(
      `Cannot update inference component "${component.arn}" while it is ${component.update ? 'Updating' : 'Creating'}; wait until it is InService.`,
    );
  if (component.status === 'Failed')
    throw validation(
      `Cannot update failed inference component "${component.arn}". Delete it and create it again.`,
    );
  const policy = readComponentDeploymentConfig(deployment, to.copies);
  for (const alarm of policy.alarms)
    if (!ctx.alarmExists(alarm))
      throw validation(
        `The alarm ${alarm} specified in AutoRollbackConfiguration does not exist in CloudWatch.`,
      );
  const from = component.current;
  const fleet = { blue: from.copies, green: to.copies, instanceType: `copies of model ${to.name}` };
  const timings = { ...ctx.state.timings };
  const failing = ctx.state.failingEndpoints;
  const startedAt = ctx.now();
  component.update = {
    startedAt,
    from,
    to,
    policy,
    fleet,
    planned: rollingTimeline(policy, fleet, timings),
    timings,
    failProvisioning: failing.has(component.endpointName) || failing.has('*'),
    words: {
      subject: `inference component ${component.name}`,
      from: `model ${from.name}`,
      to: `model ${to.name}`,
      unit: 'copies',
    },
  };
  component.lastModifiedAt = startedAt;
  component.failureReason = undefined;
  if (deployment) component.lastDeploymentConfig = deployment;
  scheduleStepAlarms(ctx, component);
  return { InferenceComponentArn: component.arn };
}

/** The new Specification (else the current one) and copy count (else the current one). */
function readTarget(
  ctx: SageMakerContext,
  component: InferenceComponentRecord,
  input: Json,
): ComponentVersion {
  const specification = optionalObject(input, 'Specification');
  if (input.Specifications !== undefined)
    throw validation(
      'The sandbox serves one Specification per inference component; Specifications is not modelled.',
    );
  const runtime = optionalObject(input, 'RuntimeConfig');
  const copies =
    runtime === undefined
      ? component.current.copies
      : requiredInteger(runtime, 'CopyCount', 'runtimeConfig', { min: 0 });
  return specification === undefined
    ? { ...component.current, copies }
    : readVersion(ctx, specification, copies);
}

/**
 * An InferenceComponentDeploymentConfig: RollingUpdatePolicy (MaximumBatchSize COPY_COUNT or CAPACITY_PERCENT,
 * 5–50% of the copy count; WaitIntervalInSeconds 0–3600; MaximumExecutionTimeoutInSeconds 600–28800;
 * RollbackMaximumBatchSize) and AutoRollbackConfiguration.
 */
export function readComponentDeploymentConfig(
  config: Json | undefined,
  copies: number,
): UpdatePolicy & { kind: 'rolling' } {
  if (config === undefined)
    return {
      kind: 'rolling',
      batch: { Type: 'CAPACITY_PERCENT', Value: 100 },
      waitSeconds: 0,
      timeoutSeconds: BOUNDS.timeoutSeconds.max,
      alarms: [],
    };
  const rolling = requiredObject(config, 'RollingUpdatePolicy', PATH);
  return readRolling(rolling, copies, readAlarms(config, PATH), {
    countType: 'COPY_COUNT',
    unit: 'copies',
    whole: 'the copy count',
  });
}

/** Alarm changes the control API tied to a step of this component's update: one second into that bake. */
function scheduleStepAlarms(ctx: SageMakerContext, component: InferenceComponentRecord): void {
  const update = component.update!;
  const due = ctx.state.alarmsAtStep.filter((a) => a.endpoint === component.name);
  ctx.state.alarmsAtStep = ctx.state.alarmsAtStep.filter((a) => a.endpoint !== component.name);
  for (const a of due) {
    const bake =
      update.planned.find((p) => p.step === a.step && p.bake) ??
      update.planned.find((p) => p.step === a.step);
    if (bake) ctx.scheduleAlarm(a.alarm, update.startedAt + bake.start * 1000 + 1000, a.state, a.reason);
  }
}
