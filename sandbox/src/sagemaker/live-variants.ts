import type { ConfigRecord, EndpointRecord, VariantSpec } from './records.js';

/**
 * What a production variant runs with right now. An endpoint starts on its config's InitialVariantWeight and
 * InitialInstanceCount; UpdateEndpointWeightsAndCapacities changes them without a new config, so the live
 * values are kept on the endpoint (`live`) until an UpdateEndpoint moves it to another config.
 */
export interface VariantLoad {
  weight: number;
  instances: number;
}

/** A weights-and-capacities change in flight: `desired` applies at `endsAt` (simulated ms). */
export interface WeightsChange {
  startedAt: number;
  endsAt: number;
  desired: Record<string, VariantLoad>;
}

/** The config's variants with the endpoint's live weights and instance counts in place of the initial ones. */
export function liveVariants(endpoint: EndpointRecord, config: ConfigRecord): VariantSpec[] {
  if (config.name !== endpoint.configName || !endpoint.live) return config.variants;
  const live = endpoint.live;
  return config.variants.map((v) => {
    const load = live[v.VariantName];
    return load ? { ...v, InitialVariantWeight: load.weight, InitialInstanceCount: load.instances } : v;
  });
}

/** The config as the endpoint runs it now (same name and ARN, live variants). */
export function liveConfig(endpoint: EndpointRecord, config: ConfigRecord): ConfigRecord {
  return endpoint.live ? { ...config, variants: liveVariants(endpoint, config) } : config;
}

/**
 * Settles a weights change whose end has passed: the desired values become the live ones, stamped with the
 * instant the change really ended.
 */
export function settleWeights(endpoint: EndpointRecord, now: number): void {
  const change = endpoint.weights;
  if (!change || now < change.endsAt) return;
  endpoint.live = { ...endpoint.live, ...change.desired };
  endpoint.weights = undefined;
  endpoint.lastModifiedAt = change.endsAt;
  endpoint.history.push({ at: change.endsAt, endpointStatus: 'InService' });
}
