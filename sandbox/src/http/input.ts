import { constraintViolation, ServiceError } from '../errors.js';

/**
 * Typed reads of a decoded JSON request. Wrong JSON types are a `SerializationException` (what AWS
 * answers when a body does not match the shape); missing required members and broken bounds are a
 * `ValidationException` in the Coral message format ("Member must not be null").
 * `path` is the member's camel-cased location, as AWS prints it (`deploymentConfig.rollingUpdatePolicy`).
 */
export type Json = Record<string, unknown>;

export function serialization(path: string, expected: string, value: unknown): ServiceError {
  const kind = typeof value;
  const found = Array.isArray(value)
    ? 'an array'
    : value === null
      ? 'null'
      : kind === 'object'
        ? 'an object'
        : `a ${kind}`;
  return new ServiceError(
    400,
    'SerializationException',
    `Expected ${expected} at '${path}' but found ${found}.`,
  );
}

const join = (path: string, key: string) =>
  path ? `${path}.${key[0]!.toLowerCase()}${key.slice(1)}` : lower(key);
const lower = (key: string) => `${key[0]!.toLowerCase()}${key.slice(1)}`;

export function optionalObject(input: Json, key: string, path = ''): Json | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw serialization(join(path, key), 'an object', value);
  return value as Json;
}

export function requiredObject(input: Json, key: string, path = ''): Json {
  const value = optionalObject(input, key, path);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

export function optionalArray(input: Json, key: string, path = ''): unknown[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization(join(path, key), 'an array', value);
  return value;
}

export interface StringRules {
  pattern?: RegExp;
  max?: number;
  min?: number;
}

export function optionalString(
  input: Json,
  key: string,
  path = '',
  rules: StringRules = {},
): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  const where = join(path, key);
  if (typeof value !== 'string') throw serialization(where, 'a string', value);
  if (rules.min !== undefined && value.length < rules.min)
    throw constraintViolation([
      { path: where, value, rule: `Member must have length greater than or equal to ${rules.min}` },
    ]);
  if (rules.max !== undefined && value.length > rules.max)
    throw constraintViolation([
      { path: where, value, rule: `Member must have length less than or equal to ${rules.max}` },
    ]);
  if (rules.pattern && !rules.pattern.test(value))
    throw constraintViolation([
      { path: where, value, rule: `Member must satisfy regular expression pattern: ${rules.pattern.source}` },
    ]);
  return value;
}

export function requiredString(input: Json, key: string, path = '', rules: StringRules = {}): string {
  const value = optionalString(input, key, path, rules);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

export function optionalInteger(
  input: Json,
  key: string,
  path = '',
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  const where = join(path, key);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(where, 'an integer', value);
  if (bounds.min !== undefined && value < bounds.min)
    throw constraintViolation([
      { path: where, value, rule: `Member must have value greater than or equal to ${bounds.min}` },
    ]);
  if (bounds.max !== undefined && value > bounds.max)
    throw constraintViolation([
      { path: where, value, rule: `Member must have value less than or equal to ${bounds.max}` },
    ]);
  return value;
}

export function requiredInteger(
  input: Json,
  key: string,
  path = '',
  bounds: { min?: number; max?: number } = {},
): number {
  const value = optionalInteger(input, key, path, bounds);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

export function optionalBoolean(input: Json, key: string, path = ''): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serialization(join(path, key), 'a boolean', value);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], path: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw constraintViolation([
    { path, value, rule: `Member must satisfy enum value set: [${allowed.join(', ')}]` },
  ]);
}

export function missing(path: string): ServiceError {
  return constraintViolation([{ path, value: null, rule: 'Member must not be null' }]);
}

/** SageMaker resource names (EndpointName, EndpointConfigName, ModelName). */
export const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const nameRules: StringRules = { pattern: NAME, max: 63 };
