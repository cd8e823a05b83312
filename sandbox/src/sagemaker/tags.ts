import { constraintViolation, validation } from '../errors.js';
import { indexPage, indexToken } from '../http/index-paging.js';
import {
  type Json,
  missing,
  optionalArray,
  optionalInteger,
  optionalString,
  requiredString,
  type StringRules,
  serialization,
} from '../http/input.js';
import { notFound, type SageMakerContext } from './context.js';

/**
 * AddTags, ListTags and DeleteTags on models, endpoint configs, endpoints and inference components, by ARN.
 * Tags live beside the resources (`state.tags`, by ARN), so an endpoint keeps them across its updates and a
 * Delete* drops them. Bounds of the SageMaker API reference: 50 tags per resource and per call, keys of 1–128
 * and values of 0–256 characters of `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, and keys starting with `aws:` are reserved.
 */
export const TAG_LIMIT = 50;

const TAG_TEXT = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
const keyRules: StringRules = { min: 1, max: 128, pattern: TAG_TEXT };
const valueRules: StringRules = { max: 256, pattern: TAG_TEXT };
const ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+$/;

/** What a resource ARN names in the service's not-found message. */
const KINDS: Record<string, string> = {
  endpoint: 'endpoint',
  'endpoint-config': 'endpoint configuration',
  model: 'model',
  'inference-component': 'inference component',
};

export function addTags(ctx: SageMakerContext, input: Json): Json {
  const resource = resourceArn(ctx, input);
  const tags = readTags(input, 'Tags', 'tags');
  if (tags === undefined) throw missing('tags');
  storeTags(ctx, resource, tags);
  return { Tags: tags.map(([Key, Value]) => ({ Key, Value })) };
}

export function listTags(ctx: SageMakerContext, input: Json): Json {
  const resource = resourceArn(ctx, input);
  const max = optionalInteger(input, 'MaxResults', '', { min: TAG_LIMIT }) ?? TAG_LIMIT;
  const token = optionalString(input, 'NextToken', '', { max: 8192 });
  const start = indexToken(token, () => validation(`Invalid pagination token: ${token}.`));
  const all = [...(ctx.state.tags.get(resource) ?? new Map<string, string>())];
  const { page, next } = indexPage(all, start, max);
  return { Tags: page.map(([Key, Value]) => ({ Key, Value })), ...next };
}

export function deleteTags(ctx: SageMakerContext, input: Json): Json {
  const resource = resourceArn(ctx, input);
  const raw = optionalArray(input, 'TagKeys');
  if (raw === undefined) throw missing('tagKeys');
  if (raw.length < 1 || raw.length > TAG_LIMIT)
    throw constraintViolation([
      {
        path: 'tagKeys',
        value: raw.length,
        rule: `Member must have length between 1 and ${TAG_LIMIT}`,
      },
    ]);
  const keys = raw.map((key, i) => requiredString({ member: key }, 'member', `tagKeys.${i + 1}`, keyRules));
  const held = ctx.state.tags.get(resource);
  for (const key of keys) held?.delete(key);
  return {};
}

/**
 * The Tags of a request (AddTags, or the Create* calls that take them), as [key, value] pairs in order;
 * undefined when absent.
 */
export function readTags(input: Json, key: string, path: string): [string, string][] | undefined {
  const raw = optionalArray(input, key);
  if (raw === undefined) return undefined;
  if (raw.length > TAG_LIMIT)
    throw constraintViolation([
      { path, value: raw.length, rule: `Member must have length less than or equal to ${TAG_LIMIT}` },
    ]);
  return raw.map((entry, i) => {
    const at = `${path}.${i + 1}.member`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw serialization(at, 'an object', entry);
    const tag = entry as Json;
    const k = requiredString(tag, 'Key', at, keyRules);
    const v = requiredString(tag, 'Value', at, valueRules);
    if (k.toLowerCase().startsWith('aws:'))
      throw validation(
        `Tag key "${k}" starts with "aws:", which is reserved for AWS; choose a key without that prefix.`,
      );
    return [k, v];
  });
}

/** Adds or overwrites tags of a resource, refusing what would hold more than 50. */
export function storeTags(ctx: SageMakerContext, resource: string, tags: readonly [string, string][]): void {
  const held = new Map(ctx.state.tags.get(resource) ?? []);
  for (const [k, v] of tags) held.set(k, v);
  if (held.size > TAG_LIMIT)
    throw validation(
      `Resource "${resource}" would have ${held.size} tags; a SageMaker resource can have at most ${TAG_LIMIT}. Delete some with DeleteTags first.`,
    );
  ctx.state.tags.set(resource, held);
}

/** ResourceArn, checked for shape and resolved to a resource that exists (its ARN as the sandbox writes it). */
function resourceArn(ctx: SageMakerContext, input: Json): string {
  const given = requiredString(input, 'ResourceArn', '', { max: 256 });
  if (!ARN.test(given))
    throw constraintViolation([
      {
        path: 'resourceArn',
        value: given,
        rule: `Member must satisfy regular expression pattern: ${ARN.source}`,
      },
    ]);
  const wanted = given.toLowerCase();
  const { models, configs, endpoints, components } = ctx.state;
  for (const records of [endpoints, configs, models, components] as const)
    for (const record of records.values()) if (record.arn === wanted) return record.arn;
  const kind = /^arn:[^:]+:sagemaker:[^:]*:\d{12}:([a-z-]+)\//.exec(given)?.[1];
  throw notFound(KINDS[kind ?? ''] ?? 'resource', given);
}
