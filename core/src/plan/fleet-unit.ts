import type { ProviderName } from '../model.js';
import type { Plan } from './types.js';

/** What one member of a fleet is called, singular and plural. */
interface UnitWords {
  readonly one: string;
  readonly many: string;
}

/**
 * The fleet's unit per provider: SageMaker endpoints run instances, Vertex AI deployed models replicas. A new
 * kind of fleet gets its words here (SageMaker inference components will count `copies`: a case keyed on what the
 * plan deploys), and every rendering of a plan follows.
 */
const units: Record<ProviderName, UnitWords> = {
  sagemaker: { one: 'instance', many: 'instances' },
  'vertex-ai': { one: 'replica', many: 'replicas' },
};

/**
 * The word for what a plan's fleet is made of, agreeing with `count` (plural when it is absent).
 *
 *   SageMaker → 'instances';  Vertex AI → 'replicas';  Vertex AI, count 1 → 'replica'
 */
export function fleetUnit(plan: Pick<Plan, 'provider'>, count?: number): string {
  const words = units[plan.provider];
  return count === 1 ? words.one : words.many;
}

/**
 * A number of fleet members in words.
 *
 *   SageMaker, 10 → '10 instances';  Vertex AI, 1 → '1 replica'
 */
export function fleetCount(plan: Pick<Plan, 'provider'>, count: number): string {
  return `${count} ${fleetUnit(plan, count)}`;
}
