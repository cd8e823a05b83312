import { constraintViolation, ServiceError, validation } from '../errors.js';
import {
  type Json,
  nameRules,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  serialization,
} from '../http/input.js';
import { readDeploymentConfig } from './deployment-config.js';
import { describeEndpoint, seconds } from './describe.js';
import { checkInstanceLimit } from './limits.js';
import { instancesFor } from './policy.js';
import type { AlarmProbe } from './progress.js';
import type { ConfigRecord, EndpointRecord, VariantSpec } from './records.js';
import { arn, type SageMakerState, settle } from './state.js';
import { blueGreenTimeline, rollingTimeline } from './timeline.js';

/** What the SageMaker operations need from the rest of the sandbox. */
export interface SageMakerContext {
  state: SageMakerState;
  now(): number;
  alarms: AlarmProbe;
  alarmExists(name: string): boolean;
  scheduleAlarm(name: string, at: number, state: 'ALARM' | 'OK', reason: string): void;
}

export type Operation = (ctx: SageMakerContext, input: Json) => Json;

const notFound = (what: string, resourceArn: string) =>
  validation(`Could not find ${what} "${resourceArn}".`);
const exists = (what: string, resourceArn: string) =>
  validation(`Cannot create already existing ${what} "${resourceArn}".`);

function endpointNamed(ctx: SageMakerContext, name: string): EndpointRecord {
  const endpoint = ctx.state.endpoints.get(name);
  if (!endpoint) throw notFound('endpoint', arn(ctx.state, 'endpoint', name));
  settle(endpoint, ctx.now(), ctx.alarms);
  return endpoint;
}

function configNamed(ctx: SageMakerContext, name: string): ConfigRecord {
  const config = ctx.state.configs.get(name);
  if (!config) throw notFound('endpoint configuration', arn(ctx.state, 'endpoint-config', name));
  return config;
}

const capacityOf = (config: ConfigRecord) => config.variants.reduce((n, v) => n + v.InitialInstanceCount, 0);

function createModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  const modelArn = arn(ctx.state, 'model', name);
  if (ctx.state.models.has(name)) throw exists('model', modelArn);
  optionalObject(input, 'PrimaryContainer');
  optionalArray(input, 'Containers');
  optionalString(input, 'ExecutionRoleArn');
  ctx.state.models.set(name, { name, arn: modelArn, createdAt: ctx.now(), input });
  return { ModelArn: modelArn };
}

function describeModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  const model = ctx.state.models.get(name);
  if (!model) throw notFound('model', arn(ctx.state, 'model', name));
  const { Tags: _tags, ...given } = model.input;
  return { ...given, ModelArn: model.arn, CreationTime: seconds(model.createdAt) };
}

function deleteModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  if (!ctx.state.models.delete(name)) throw notFound('model', arn(ctx.state, 'model', name));
  return {};
}

function readVariant(ctx: SageMakerContext, raw: unknown, i: number): VariantSpec {
  const path = `productionVariants.${i + 1}.member`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ServiceError(400, 'SerializationException', `Expected an object at '${path}'.`);
  const v = raw as Json;
  const VariantName = requiredString(v, 'VariantName', path, nameRules);
  const ModelName = optionalString(v, 'ModelName', path, nameRules);
  if (ModelName !== undefined && !ctx.state.models.has(ModelName))
    throw notFound('model', arn(ctx.state, 'model', ModelName));
  return {
    VariantName,
    ...(ModelName !== undefined ? { ModelName } : {}),
    InitialInstanceCount: optionalInteger(v, 'InitialInstanceCount', path, { min: 1 }) ?? 1,
    InstanceType: optionalString(v, 'InstanceType', path) ?? 'ml.m5.large',
    InitialVariantWeight: variantWeight(v.InitialVariantWeight, path),
  };
}

/** InitialVariantWeight: a number ≥ 0, default 1. */
function variantWeight(value: unknown, path: string): number {
  if (value === undefined || value === null) return 1;
  if (typeof value !== 'number') throw serialization(`${path}.initialVariantWeight`, 'a number', value);
  if (value < 0)
    throw constraintViolation([
      {
        path: `${path}.initialVariantWeight`,
        value,
        rule: 'Member must have value greater than or equal to 0',
      },
    ]);
  return value;
}

function createEndpointConfig(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointConfigName', '', nameRules);
  const configArn = arn(ctx.state, 'endpoint-config', name);
  if (ctx.state.configs.has(name)) throw exists('endpoint configuration', configArn);
  const raw = optionalArray(input, 'ProductionVariants') ?? [];
  if (raw.length < 1 || raw.length > 10)
    throw validation(
      `1 validation error detected: Value '${raw.length}' at 'productionVariants' failed to satisfy constraint: Member must have length between 1 and 10`,
    );
  const variants = raw.map((v, i) => readVariant(ctx, v, i));
  const names = new Set(variants.map((v) => v.VariantName));
  if (names.size !== variants.length)
    throw validation('Each production variant must have a unique VariantName.');
  ctx.state.configs.set(name, { name, arn: configArn, createdAt: ctx.now(), variants, input });
  return { EndpointConfigArn: configArn };
}

function describeEndpointConfig(ctx: SageMakerContext, input: Json): Json {
  const config = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  const { Tags: _tags, ProductionVariants: _given, ...rest } = config.input;
  return {
    ...rest,
    EndpointConfigArn: config.arn,
    ProductionVariants: config.variants,
    CreationTime: seconds(config.createdAt),
  };
}

function deleteEndpointConfig(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointConfigName', '', nameRules);
  if (!ctx.state.configs.delete(name))
    throw notFound('endpoint configuration', arn(ctx.state, 'endpoint-config', name));
  return {};
}

function createEndpoint(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointName', '', nameRules);
  const endpointArn = arn(ctx.state, 'endpoint', name);
  const config = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  if (ctx.state.endpoints.has(name)) throw exists('endpoint', endpointArn);
  const deployment = optionalObject(input, 'DeploymentConfig');
  if (deployment) readDeploymentConfig(deployment, capacityOf(config));
  checkInstanceLimit(ctx.state, config, capacityOf(config));
  const now = ctx.now();
  const failing = ctx.state.failingEndpoints.has(name) || ctx.state.failingEndpoints.has('*');
  ctx.state.endpoints.set(name, {
    name,
    arn: endpointArn,
    createdAt: now,
    lastModifiedAt: now,
    configName: config.name,
    status: 'Creating',
    readyAt: now + ctx.state.timings.provisionSeconds * 1000,
    failProvisioning: failing,
    ...(deployment ? { lastDeploymentConfig: deployment } : {}),
    history: [{ at: now, endpointStatus: 'Creating' }],
  });
  return { EndpointArn: endpointArn };
}

function describe(ctx: SageMakerContext, input: Json): Json {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  return describeEndpoint(ctx.state, endpoint, ctx.now(), ctx.alarms);
}

function deleteEndpoint(ctx: SageMakerContext, input: Json): Json {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  ctx.state.endpoints.delete(endpoint.name);
  return {};
}

/**
 * UpdateEndpoint: checks what the service checks (endpoint InService and not updating, config and
 * alarms exist, same variant names under a DeploymentConfig, policy bounds), then plans the update's
 * phases from the clock; DescribeEndpoint computes everything else from them.
 */
function updateEndpoint(ctx: SageMakerContext, input: Json): Json {
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  const to = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  const retain = optionalBoolean(input, 'RetainDeploymentConfig') ?? false;
  optionalBoolean(input, 'RetainAllVariantProperties');
  let deployment = optionalObject(input, 'DeploymentConfig');
  if (endpoint.update || endpoint.status === 'Creating')
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
  const from = configNamed(ctx, endpoint.configName);
  if (deployment) checkSameVariants(from, to);
  const policy = readDeploymentConfig(deployment, capacityOf(to));
  for (const alarm of policy.alarms)
    if (!ctx.alarmExists(alarm))
      throw validation(
        `The alarm ${alarm} specified in AutoRollbackConfiguration does not exist in CloudWatch.`,
      );
  const fleet = { blue: capacityOf(from), green: capacityOf(to), instanceType: to.variants[0]!.InstanceType };
  checkInstanceLimit(
    ctx.state,
    to,
    policy.kind === 'rolling' ? instancesFor(policy.batch, fleet.green) : fleet.green,
  );
  const timings = { ...ctx.state.timings };
  const planned =
    policy.kind === 'rolling'
      ? rollingTimeline(policy, fleet, timings)
      : blueGreenTimeline(policy, fleet, timings);
  const startedAt = ctx.now();
  const failProvisioning =
    ctx.state.failingEndpoints.has(endpoint.name) || ctx.state.failingEndpoints.has('*');
  endpoint.update = { startedAt, from, to, policy, fleet, planned, timings, failProvisioning };
  endpoint.lastModifiedAt = startedAt;
  endpoint.failureReason = undefined;
  if (deployment) endpoint.lastDeploymentConfig = deployment;
  scheduleStepAlarms(ctx, endpoint);
  return { EndpointArn: endpoint.arn };
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

function listEndpoints(ctx: SageMakerContext, input: Json): Json {
  const sortBy = oneOf(
    optionalString(input, 'SortBy') ?? 'CreationTime',
    ['Name', 'CreationTime', 'Status'],
    'sortBy',
  );
  const order = oneOf(
    optionalString(input, 'SortOrder') ?? 'Descending',
    ['Ascending', 'Descending'],
    'sortOrder',
  );
  const max = optionalInteger(input, 'MaxResults', '', { min: 1, max: 100 }) ?? 10;
  const contains = optionalString(input, 'NameContains', '', { max: 63 });
  const status = optionalString(input, 'StatusEquals');
  if (status !== undefined) oneOf(status, STATUSES, 'statusEquals');
  const token = optionalString(input, 'NextToken');
  const start = token === undefined ? 0 : Number.parseInt(token, 10);
  if (!Number.isInteger(start) || start < 0) throw validation(`Invalid pagination token: ${token}.`);
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
  const key = (r: (typeof rows)[number]) =>
    sortBy === 'Name' ? r.EndpointName : sortBy === 'Status' ? r.EndpointStatus : r.CreationTime;
  const filtered = rows
    .filter(
      (r) =>
        (contains === undefined || r.EndpointName.includes(contains)) &&
        (status === undefined || r.EndpointStatus === status),
    )
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (order === 'Ascending' ? 1 : -1));
  const page = filtered.slice(start, start + max);
  const next = start + max < filtered.length ? { NextToken: String(start + max) } : {};
  return { Endpoints: page, ...next };
}

/** The operations served, by X-Amz-Target suffix. */
export const sageMakerOperations: Record<string, Operation> = {
  CreateModel: createModel,
  DescribeModel: describeModel,
  DeleteModel: deleteModel,
  CreateEndpointConfig: createEndpointConfig,
  DescribeEndpointConfig: describeEndpointConfig,
  DeleteEndpointConfig: deleteEndpointConfig,
  CreateEndpoint: createEndpoint,
  DescribeEndpoint: describe,
  UpdateEndpoint: updateEndpoint,
  DeleteEndpoint: deleteEndpoint,
  ListEndpoints: listEndpoints,
};
