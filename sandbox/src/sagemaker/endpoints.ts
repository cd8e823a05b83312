import { type Json, nameRules, optionalObject, requiredString } from '../http/input.js';
import { capacityOf, configNamed, endpointNamed, exists, type SageMakerContext } from './context.js';
import { readDeploymentConfig } from './deployment-config.js';
import { describeEndpoint } from './describe.js';
import { checkInstanceLimit } from './limits.js';
import { listPage } from './listing.js';
import { arn, settle } from './state.js';
import { readTags, storeTags } from './tags.js';
import { routesOf } from './traffic.js';
import { retireTraffic } from './traffic-history.js';

export function createEndpoint(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointName', '', nameRules);
  const endpointArn = arn(ctx.state, 'endpoint', name);
  const config = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  if (ctx.state.endpoints.has(name)) throw exists('endpoint', endpointArn);
  const deployment = optionalObject(input, 'DeploymentConfig');
  if (deployment) readDeploymentConfig(deployment, capacityOf(config));
  checkInstanceLimit(ctx.state, config, capacityOf(config));
  const tags = readTags(input, 'Tags', 'tags');
  const now = ctx.now();
  const failing = ctx.state.failingEndpoints.has(name) || ctx.state.failingEndpoints.has('*');
  const readyAt = now + ctx.state.timings.provisionSeconds * 1000;
  ctx.state.endpoints.set(name, {
    name,
    arn: endpointArn,
    createdAt: now,
    lastModifiedAt: now,
    configName: config.name,
    status: 'Creating',
    readyAt,
    failProvisioning: failing,
    ...(deployment ? { lastDeploymentConfig: deployment } : {}),
    history: [{ at: now, endpointStatus: 'Creating' }],
    // A fleet that fails its health checks never serves.
    served: failing ? [] : [{ at: readyAt, routes: routesOf(config.variants) }],
  });
  ctx.state.tags.delete(endpointArn);
  if (tags) storeTags(ctx, endpointArn, tags);
  return { EndpointArn: endpointArn };
}

export function describe(ctx: SageMakerContext, input: Json): Json {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  return describeEndpoint(ctx.state, endpoint, ctx.now(), ctx.alarms);
}

export function deleteEndpoint(ctx: SageMakerContext, input: Json): Json {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  retireTraffic(ctx.state, endpoint, ctx.now(), ctx.alarms);
  ctx.state.endpoints.delete(endpoint.name);
  ctx.state.tags.delete(endpoint.arn);
  return {};
}

const STATUSES = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed',
] as const;

export function listEndpoints(ctx: SageMakerContext, input: Json): Json {
  const now = ctx.now();
  const rows = [...ctx.state.endpoints.values()].map((e) => {
    settle(e, now, ctx.alarms);
    const d = describeEndpoint(ctx.state, e, now, ctx.alarms);
    return {
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: d.CreationTime as number,
      LastModifiedTime: d.LastModifiedTime as number,
      EndpointStatus: d.EndpointStatus as string,
    };
  });
  const { page, next } = listPage(
    input,
    rows,
    (r) => ({ name: r.EndpointName, status: r.EndpointStatus, created: r.CreationTime }),
    STATUSES,
  );
  return { Endpoints: page, ...next };
}
