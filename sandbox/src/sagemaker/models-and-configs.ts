import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { constraintViolation, ServiceError, validation } from '../errors.js';
import {
  type Json,
  nameRules,
  oneOf,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  serialization,
} from '../http/input.js';
import { configNamed, exists, notFound, type SageMakerContext } from './context.js';
import { seconds } from './describe.js';
import type { VariantSpec } from './records.js';
import { arn } from './state.js';
import { readTags, storeTags } from './tags.js';

export function createModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  const modelArn = arn(ctx.state, 'model', name);
  if (ctx.state.models.has(name)) throw exists('model', modelArn);
  optionalObject(input, 'PrimaryContainer');
  optionalArray(input, 'Containers');
  optionalString(input, 'ExecutionRoleArn');
  const tags = readTags(input, 'Tags', 'tags');
  ctx.state.models.set(name, { name, arn: modelArn, createdAt: ctx.now(), input });
  ctx.state.tags.delete(modelArn);
  if (tags) storeTags(ctx, modelArn, tags);
  return { ModelArn: modelArn };
}

export function describeModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  const model = ctx.state.models.get(name);
  if (!model) throw notFound('model', arn(ctx.state, 'model', name));
  const { Tags: _tags, ...given } = model.input;
  return { ...given, ModelArn: model.arn, CreationTime: seconds(model.createdAt) };
}

export function deleteModel(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'ModelName', '', nameRules);
  if (!ctx.state.models.delete(name)) throw notFound('model', arn(ctx.state, 'model', name));
  ctx.state.tags.delete(arn(ctx.state, 'model', name));
  return {};
}

/** The instance types SageMaker serves on, as the SDK's model of the API lists them (ProductionVariantInstanceType). */
const instanceTypes = Object.values(ProductionVariantInstanceType);

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
    InstanceType: oneOf(
      optionalString(v, 'InstanceType', path) ?? 'ml.m5.large',
      instanceTypes,
      `${path}.instanceType`,
    ),
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

export function createEndpointConfig(ctx: SageMakerContext, input: Json): Json {
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
  if (!variants.some((v) => v.InitialVariantWeight > 0))
    throw validation(
      `The sum of InitialVariantWeight over the production variants of endpoint config ${name} is 0: at least one variant needs a weight greater than 0 to receive traffic.`,
    );
  const tags = readTags(input, 'Tags', 'tags');
  ctx.state.configs.set(name, { name, arn: configArn, createdAt: ctx.now(), variants, input });
  ctx.state.tags.delete(configArn);
  if (tags) storeTags(ctx, configArn, tags);
  return { EndpointConfigArn: configArn };
}

export function describeEndpointConfig(ctx: SageMakerContext, input: Json): Json {
  const config = configNamed(ctx, requiredString(input, 'EndpointConfigName', '', nameRules));
  const { Tags: _tags, ProductionVariants: _given, ...rest } = config.input;
  return {
    ...rest,
    EndpointConfigArn: config.arn,
    ProductionVariants: config.variants,
    CreationTime: seconds(config.createdAt),
  };
}

export function deleteEndpointConfig(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointConfigName', '', nameRules);
  if (!ctx.state.configs.delete(name))
    throw notFound('endpoint configuration', arn(ctx.state, 'endpoint-config', name));
  ctx.state.tags.delete(arn(ctx.state, 'endpoint-config', name));
  return {};
}
