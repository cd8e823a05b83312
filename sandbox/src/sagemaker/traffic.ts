import type { EndpointRecord, UpdateRecord, VariantSpec } from './records.js';
import type { Phase } from './timeline.js';

/** One production variant's part of an endpoint's traffic: the model it runs and its share, above 0 and up to 1. */
export interface Route {
  variant: string;
  model: string;
  share: number;
}

/**
 * From `at` (simulated ms) until the next split, the endpoint's traffic goes by `routes`; no routes: it serves
 * nothing (still creating, or deleted). An endpoint keeps these in `served` as its weights change, so the invocation
 * metrics of any past minute can be computed when CloudWatch is asked for them (docs/sandbox.md).
 */
export interface TrafficSplit {
  at: number;
  routes: Route[];
}

/**
 * A config's variants by weight ÷ the sum of the weights, times `scale` (the config's part of the endpoint's
 * traffic during an update); a variant of weight 0 carries nothing and is left out.
 *
 *   weights shiftwise-old 95, shiftwise-new 5 → [shiftwise-old 0.95, shiftwise-new 0.05]
 *   the same at scale 0.5 → [0.475, 0.025]
 */
export function routesOf(variants: readonly VariantSpec[], scale = 1): Route[] {
  const total = variants.reduce((n, v) => n + v.InitialVariantWeight, 0);
  if (total <= 0 || scale <= 0) return [];
  return variants
    .filter((v) => v.InitialVariantWeight > 0)
    .map((v) => ({
      variant: v.VariantName,
      model: v.ModelName ?? '',
      share: (scale * v.InitialVariantWeight) / total,
    }));
}

/**
 * The splits of an update: at each phase's start the new config carries greenActive ÷ its fleet of the traffic and
 * the old config (with the live weights it ran on) the rest; once it is over, the config it ended on carries all of
 * it by its own weights (the new config's initial ones after success, the old live ones after a rollback).
 *
 *   blue/green all at once, fleet 4 → Creating: old 1 · ActivatingTraffic: new 1 · Deleting: new 1 · end: new 1
 */
export function updateSplits(
  update: UpdateRecord,
  phases: readonly Phase[],
  outcome?: { end: number; result: 'succeeded' | 'rolled-back' },
): TrafficSplit[] {
  const splits = phases.map((p) => {
    const green = Math.min(1, p.greenActive / Math.max(1, update.fleet.green));
    return {
      at: update.startedAt + p.start * 1000,
      routes: [...routesOf(update.from.variants, 1 - green), ...routesOf(update.to.variants, green)],
    };
  });
  if (!outcome) return splits;
  const last = outcome.result === 'succeeded' ? update.to : update.from;
  return [...splits, { at: outcome.end, routes: routesOf(last.variants) }];
}

/** The split a weights change leaves: the endpoint's live variants with the desired weights, from its end. */
export function weightsSplit(endpoint: EndpointRecord, variants: readonly VariantSpec[]): TrafficSplit {
  const change = endpoint.weights!;
  const after = variants.map((v) => {
    const desired = change.desired[v.VariantName];
    return desired ? { ...v, InitialVariantWeight: desired.weight } : v;
  });
  return { at: change.endsAt, routes: routesOf(after) };
}
