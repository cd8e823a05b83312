import { constraintViolation, validation } from '../errors.js';
import {
  type Json,
  missing,
  nameRules,
  optionalArray,
  optionalInteger,
  optionalObject,
  requiredString,
  serialization,
} from '../http/input.js';
import { configNamed, endpointNamed, type SageMakerContext } from './context.js';
import { checkInstanceLimit } from './limits.js';
import { liveVariants, type VariantLoad } from './live-variants.js';
import type { EndpointRecord, VariantSpec } from './records.js';
import { weightsSplit } from './traffic.js';

interface Desired {
  variant: string;
  weight?: number;
  instances?: number;
}

/**
 * UpdateEndpointWeightsAndCapacities: moves traffic between an endpoint's production variants, or resizes
 * them, without a new endpoint config. The endpoint is `Updating` from the call until the change is done
 * (moving traffic takes `shiftSeconds`, new instances `provisionSeconds`, removing instances
 * `terminateSeconds`: the longest that applies), then `InService` with the desired values as the current ones.
 * Only the start and the end are recorded; every answer in between is computed from the clock.
 */
export function updateEndpointWeightsAndCapacities(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'EndpointName', '', nameRules);
  const wanted = readDesired(input);
  const endpoint = endpointNamed(ctx, name);
  if (endpoint.update || endpoint.weights || endpoint.status === 'Creating')
    throw validation(`Cannot update in-progress endpoint "${endpoint.arn}".`);
  if (endpoint.status === 'Failed')
    throw validation(`Cannot update failed endpoint "${endpoint.arn}". Delete it and create it again.`);
  const config = configNamed(ctx, endpoint.configName);
  const variants = liveVariants(endpoint, config);
  checkVariants(endpoint, variants, wanted);
  const desired = desiredLoads(variants, wanted);
  const after = variants.map((v) => desired[v.VariantName]?.weight ?? v.InitialVariantWeight);
  if (!after.some((w) => w > 0))
    throw validation(
      `The sum of the variant weights of endpoint "${endpoint.arn}" would be 0: at least one production variant needs a weight greater than 0 to receive traffic.`,
    );
  const growth = variants.reduce(
    (n, v) => n + Math.max(0, (desired[v.VariantName]?.instances ?? 0) - v.InitialInstanceCount),
    0,
  );
  if (growth > 0) checkInstanceLimit(ctx.state, config, growth);
  const now = ctx.now();
  const seconds = durationOf(ctx, variants, desired);
  endpoint.weights = { startedAt: now, endsAt: now + seconds * 1000, desired };
  endpoint.served.push(weightsSplit(endpoint, variants));
  endpoint.lastModifiedAt = now;
  endpoint.failureReason = undefined;
  endpoint.history.push({
    at: now,
    endpointStatus: 'Updating',
    variantStatus: 'Updating',
    message: `Updating weights and capacities of ${wanted.map((w) => w.variant).join(', ')}.`,
  });
  return { EndpointArn: endpoint.arn };
}

/** DesiredWeightsAndCapacities: 1 or more entries, each a VariantName with a weight ≥ 0 and/or a count ≥ 0. */
function readDesired(input: Json): Desired[] {
  const raw = optionalArray(input, 'DesiredWeightsAndCapacities');
  if (raw === undefined) throw missing('desiredWeightsAndCapacities');
  if (raw.length < 1)
    throw constraintViolation([
      {
        path: 'desiredWeightsAndCapacities',
        value: '[]',
        rule: 'Member must have length greater than or equal to 1',
      },
    ]);
  return raw.map((entry, i) => {
    const path = `desiredWeightsAndCapacities.${i + 1}.member`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw serialization(path, 'an object', entry);
    const item = entry as Json;
    const variant = requiredString(item, 'VariantName', path, nameRules);
    const weight = readWeight(item.DesiredWeight, `${path}.desiredWeight`);
    const instances = optionalInteger(item, 'DesiredInstanceCount', path, { min: 0 });
    if (optionalObject(item, 'ServerlessUpdateConfig', path))
      throw validation(
        `ServerlessUpdateConfig of variant ${variant}: serverless variants are not modelled by the sandbox.`,
      );
    if (weight === undefined && instances === undefined)
      throw validation(
        `Variant ${variant}: specify DesiredWeight, DesiredInstanceCount or both; the entry changes nothing.`,
      );
    return {
      variant,
      ...(weight !== undefined ? { weight } : {}),
      ...(instances !== undefined ? { instances } : {}),
    };
  });
}

/** DesiredWeight: a number ≥ 0 (a float, like InitialVariantWeight). */
function readWeight(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(path, 'a number', value);
  if (value < 0)
    throw constraintViolation([{ path, value, rule: 'Member must have value greater than or equal to 0' }]);
  return value;
}

function checkVariants(endpoint: EndpointRecord, variants: readonly VariantSpec[], wanted: Desired[]): void {
  const known = variants.map((v) => v.VariantName);
  const unknown = wanted.map((w) => w.variant).filter((v) => !known.includes(v));
  if (unknown.length > 0)
    throw validation(
      `The variant(s) [${unknown.join(', ')}] are not present in endpoint "${endpoint.arn}"; its production variants are [${known.join(', ')}].`,
    );
  const seen = new Set<string>();
  for (const w of wanted) {
    if (seen.has(w.variant))
      throw validation(`Variant ${w.variant} appears more than once in DesiredWeightsAndCapacities.`);
    seen.add(w.variant);
    if (w.instances === 0)
      throw validation(
        `DesiredInstanceCount of variant ${w.variant} must be at least 1: an instance-based production variant cannot scale to 0 instances.`,
      );
  }
}

function desiredLoads(variants: readonly VariantSpec[], wanted: Desired[]): Record<string, VariantLoad> {
  const out: Record<string, VariantLoad> = {};
  for (const w of wanted) {
    const v = variants.find((x) => x.VariantName === w.variant)!;
    out[w.variant] = {
      weight: w.weight ?? v.InitialVariantWeight,
      instances: w.instances ?? v.InitialInstanceCount,
    };
  }
  return out;
}

/** Seconds the change takes: the longest of moving traffic, launching instances and terminating instances. */
function durationOf(
  ctx: SageMakerContext,
  variants: readonly VariantSpec[],
  desired: Record<string, VariantLoad>,
): number {
  const { shiftSeconds, provisionSeconds, terminateSeconds } = ctx.state.timings;
  let seconds = 0;
  for (const v of variants) {
    const d = desired[v.VariantName];
    if (!d) continue;
    if (d.weight !== v.InitialVariantWeight) seconds = Math.max(seconds, shiftSeconds);
    if (d.instances > v.InitialInstanceCount) seconds = Math.max(seconds, provisionSeconds);
    if (d.instances < v.InitialInstanceCount) seconds = Math.max(seconds, terminateSeconds);
  }
  return seconds === 0 ? shiftSeconds : seconds;
}
