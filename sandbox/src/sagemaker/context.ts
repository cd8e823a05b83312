import { validation } from '../errors.js';
import type { Json } from '../http/input.js';
import type { AlarmProbe } from './progress.js';
import type { ConfigRecord, EndpointRecord } from './records.js';
import { arn, type SageMakerState, settle } from './state.js';

/** What the SageMaker operations need from the rest of the sandbox. */
export interface SageMakerContext {
  state: SageMakerState;
  now(): number;
  alarms: AlarmProbe;
  alarmExists(name: string): boolean;
  scheduleAlarm(name: string, at: number, state: 'ALARM' | 'OK', reason: string): void;
}

export type Operation = (ctx: SageMakerContext, input: Json) => Json;

export const notFound = (what: string, resourceArn: string) =>
  validation(`Could not find ${what} "${resourceArn}".`);
export const exists = (what: string, resourceArn: string) =>
  validation(`Cannot create already existing ${what} "${resourceArn}".`);

export function endpointNamed(ctx: SageMakerContext, name: string): EndpointRecord {
  const endpoint = ctx.state.endpoints.get(name);
  if (!endpoint) throw notFound('endpoint', arn(ctx.state, 'endpoint', name));
  settle(endpoint, ctx.now(), ctx.alarms);
  return endpoint;
}

export function configNamed(ctx: SageMakerContext, name: string): ConfigRecord {
  const config = ctx.state.configs.get(name);
  if (!config) throw notFound('endpoint configuration', arn(ctx.state, 'endpoint-config', name));
  return config;
}

export const capacityOf = (config: ConfigRecord) =>
  config.variants.reduce((n, v) => n + v.InitialInstanceCount, 0);
