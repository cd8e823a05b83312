import { validation } from '../errors.js';
import { type Json, nameRules, optionalBoolean, optionalObject, requiredString } from '../http/input.js';
import { capacityOf, configNamed, endpointNamed, type SageMakerContext } from './context.js';
import { readDeploymentConfig } from './deployment-config.js';
import { checkInstanceLimit } from './limits.js';
import { liveConfig } from './live-variants.js';
import { instancesFor } from './policy.js';
import type { ConfigRecord, EndpointRecord } from './records.js';
import { blueGreenTimeline, rollingTimeline } from './timeline.js';

/**
 * UpdateEndpoint: checks what the service checks (endpoint InService and not updating, config and
 * alarms exist, same variant names under a DeploymentConfig, policy bounds), then plans the update's
 * phases from the clock; DescribeEndpoint computes everything else from them.
 */
export function updateEndpoint(ctx: SageMakerContext, input: Json): Json {
  const { endpoint, from, to, deployment } = readRequest(ctx, input);
  const policy = readDeploymentConfig(deployment, capacityOf(to));
  for (const alarm of policy.alarms)
    if (!ctx.alarmExists(alarm))
      throw validation(
        `The alarm ${alarm} specified in AutoRollbackConfiguration does not exist in CloudWatch.`,
      );
  const fleet = { blue: capacityOf(from), green: capacityOf(to), instanceType: to.variants[0]!.InstanceType };
  const extra = policy.kind === 'rolling' ? instancesFor(policy.batch, fleet.green) : fleet.green;
  checkInstanceLimit(ctx.state, to, extra);
  const timings = { ...ctx.state.timings };
  const planned =
    policy.kind === 'rolling'
      ? rollingTimeline(policy, fleet, timings)
      : blueGreenTimeline(policy, fleet, timings);
  const startedAt = ctx.now();
  const failing = ctx.state.failingEndpoints;
  const failProvisioning = failing.has(endpoint.name) || failing.has('*');
  endpoint.update = { startedAt, from, to, policy, fleet, planned, timings, failProvisioning };
  endpoint.lastModifiedAt = startedAt;
  endpoint.failureReason = undefined;
  if (deployment) endpoint.lastDeploymentConfig = deployment;
  scheduleStepAlarms(ctx, endpoint);
  return { EndpointArn: endpoint.arn };
}

/** The endpoint, its current and new configs and the deployment config that applies (given or retained). */
function readRequest(ctx: SageMakerContext, input: Json) {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  const to = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  const retain = optionalBoolean(input, 'RetainDeploymentConfig') ?? false;
  optionalBoolean(input, 'RetainAllVariantProperties');
  let deployment = optionalObject(input, 'DeploymentConfig');
  if (endpoint.update || endpoint.weights || endpoint.status === 'Creating')
    throw validation(`Cannot update in-progress endpoint "${endpoint.arn}".`);
  if (endpoint.status === 'Failed')
    throw validation(`Cannot update failed endpoint "${endpoint.arn}". Delete it and create it again.`);
  if (retain && deployment)
    throw validation('Specify either DeploymentConfig or RetainDeploymentConfig, not both.');
  if (retain) {
    if (!endpoint.lastDeploymentConfig)
      throw validation(
        `RetainDeploymentConfig is true but endpoint "${endpoint.arn}" has no deployment config to retain.`,
      );
    deployment = endpoint.lastDeploymentConfig;
  }
  // The old fleet is what runs now: weights and counts UpdateEndpointWeightsAndCapacities set, if any.
  const from = liveConfig(endpoint, configNamed(ctx, endpoint.configName));
  if (deployment) checkSameVariants(from, to);
  return { endpoint, from, to, deployment };
}

/** Alarm changes the control API tied to a step: due one second into that step's bake. */
function scheduleStepAlarms(ctx: SageMakerContext, endpoint: EndpointRecord): void {
  const update = endpoint.update!;
  const due = ctx.state.alarmsAtStep.filter((a) => a.endpoint === endpoint.name);
  ctx.state.alarmsAtStep = ctx.state.alarmsAtStep.filter((a) => a.endpoint !== endpoint.name);
  for (const a of due) {
    const bake =
      update.planned.find((p) => p.step === a.step && p.bake) ??
      update.planned.find((p) => p.step === a.step);
    if (!bake) continue;
    ctx.scheduleAlarm(a.alarm, update.startedAt + bake.start * 1000 + 1000, a.state, a.reason);
  }
}

function checkSameVariants(from: ConfigRecord, to: ConfigRecord): void {
  const before = from.variants.map((v) => v.VariantName).sort();
  const after = to.variants.map((v) => v.VariantName).sort();
  if (before.join('\n') !== after.join('\n'))
    throw validation(
      `When DeploymentConfig is specified, the new endpoint config must keep the variant names of the current one: expected [${before.join(', ')}], found [${after.join(', ')}] in ${to.name}.`,
    );
}
