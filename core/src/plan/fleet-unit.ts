import type { FleetTarget, ProviderName } from '../model.js';

/** What `fleetUnit` reads of a plan: its provider and, on SageMaker, what it updates (default the endpoint). */
export interface FleetOf {
  readonly provider: ProviderName;
  readonly target?: FleetTarget;
}

/** What one member of a fleet is called, singular and plural. */
interface UnitWords {
  readonly one: string;
  readonly many: string;
}

/**
 * The fleet's unit per kind of fleet: a SageMaker endpoint runs instances, an inference component copies, a Vertex
 * AI deployed model replicas. Every rendering of a plan takes its unit from here.
 */
const units: Record<FleetTarget | 'vertex-ai', UnitWords> = {
  endpoint: { one: 'instance', many: 'instances' },
  'inference-component': { one: 'copy', many: 'copies' },
  'vertex-ai': { one: 'replica', many: 'replicas' },
};

/**
 * The word for what a plan's fleet is made of, agreeing with `count` (plural when it is absent).
 *
 *   SageMaker → 'instances';  SageMaker inference component → 'copies';  Vertex AI → 'replicas';
 *   Vertex AI, count 1 → 'replica'
 */
export function fleetUnit(plan: FleetOf, count?: number): string {
  const words = units[plan.provider === 'vertex-ai' ? 'vertex-ai' : (plan.target ?? 'endpoint')];
  return count === 1 ? words.one : words.many;
}

/**
 * A number of fleet members in words.
 *
 *   SageMaker, 10 → '10 instances';  Vertex AI, 1 → '1 replica';  inference component, 2 → '2 copies'
 */
export function fleetCount(plan: FleetOf, count: number): string {
  return `${count} ${fleetUnit(plan, count)}`;
}
