import type { AnalysisCheck, SageMakerRollout } from '../model.js';
import type {
  AddTagsRequest,
  CreateEndpointConfigRequest,
  DeleteTagsRequest,
  UpdateEndpointRequest,
  UpdateWeightsRequest,
} from './request-types.js';
import { newInstancesAt, newVariantName, oldVariantName } from './run-steps.js';
import type { CurrentEndpointConfig, ProductionVariant } from './sagemaker-api.js';
import { fnv1a, modelTargetConfigName } from './sagemaker-request.js';

/**
 * The requests of a rollout Shiftwise runs itself (`strategy.type: steps`, docs/engine.md "Shiftwise-run steps"),
 * each a pure function of the file and what preflight read. In order:
 *
 *   CreateEndpointConfig  <endpoint>--<model>--steps: the live variant as shiftwise-old (weight 100) and the new
 *                         model as shiftwise-new (weight 0, the first step's instances)
 *   UpdateEndpoint        to it (SageMaker's default update, all at once: variants change)
 *   AddTags               where the rollout stands (`stateTags`)
 *   UpdateEndpointWeightsAndCapacities, per traffic step
 *   CreateEndpointConfig  <endpoint>--<model>: the live variant's settings, its name, the new model, `capacity`
 *   UpdateEndpoint        to it, then DeleteTags
 * and on rollback: all weight to shiftwise-old, then UpdateEndpoint back to the original config.
 */

export type StepsRollout = SageMakerRollout & { readonly strategy: { readonly type: 'steps' } };

/** The two-variant config's name: `fraud-prod--fraud-model-v43--steps`. */
export const stepsConfigName = (rollout: Pick<SageMakerRollout, 'endpoint' | 'target'>) =>
  modelTargetConfigName(rollout, '--steps');

/** The config the rollout ends on: the new model alone, `fraud-prod--fraud-model-v43` (as a `model` target's). */
export const finalConfigName = (rollout: Pick<SageMakerRollout, 'endpoint' | 'target'>) =>
  modelTargetConfigName(rollout);

/** The traffic share of the first traffic step (0 when the file has none): what the new variant starts with. */
function firstPercent(rollout: StepsRollout): number {
  const first =
    rollout.strategy.type === 'steps' ? rollout.strategy.steps.find((s) => s.kind === 'traffic') : undefined;
  return first?.kind === 'traffic' ? first.percent : 0;
}

/** The live config's one variant, which both new configs copy (preflight refuses any other shape). */
const liveVariant = (current: CurrentEndpointConfig): ProductionVariant => current.ProductionVariants[0]!;

export function stepsConfigRequest(
  rollout: StepsRollout,
  current: CurrentEndpointConfig,
  capacity: number,
): CreateEndpointConfigRequest {
  const live = liveVariant(current);
  return {
    provider: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: stepsConfigName(rollout),
      ProductionVariants: [
        { ...live, VariantName: oldVariantName, InitialVariantWeight: 100 },
        {
          ...live,
          VariantName: newVariantName,
          ModelName: rollout.target.name,
          InitialInstanceCount: newInstancesAt(Math.max(1, firstPercent(rollout)), capacity),
          InitialVariantWeight: 0,
        },
      ],
      ...carried(current),
    },
  };
}

export function finalConfigRequest(
  rollout: StepsRollout,
  current: CurrentEndpointConfig,
  capacity: number,
): CreateEndpointConfigRequest {
  const live = liveVariant(current);
  return {
    provider: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: finalConfigName(rollout),
      ProductionVariants: [
        { ...live, ModelName: rollout.target.name, InitialInstanceCount: capacity, InitialVariantWeight: 1 },
      ],
      ...carried(current),
    },
  };
}

const carried = (current: CurrentEndpointConfig) => ({
  ...(current.DataCaptureConfig && { DataCaptureConfig: current.DataCaptureConfig }),
  ...(current.KmsKeyId && { KmsKeyId: current.KmsKeyId }),
});

/**
 * An endpoint update Shiftwise makes around its steps: to the two-variant config, to the new model alone, or back to
 * the original. Each changes the endpoint's variants, which SageMaker's deployment guardrails do not cover: it is
 * sent without a DeploymentConfig (SageMaker's default update, all at once), and Shiftwise watches the alarms.
 */
export function switchConfigRequest(rollout: SageMakerRollout, configName: string): UpdateEndpointRequest {
  return {
    provider: 'sagemaker',
    operation: 'UpdateEndpoint',
    input: { EndpointName: rollout.endpoint, EndpointConfigName: configName },
  };
}

/**
 * One traffic step: `percent` to the new variant, with the instances that share needs; the rest to the old one.
 *
 *   25% of capacity 4 → [{ shiftwise-old, weight 75 }, { shiftwise-new, weight 25, 1 instance }]
 */
export function weightsRequest(endpoint: string, percent: number, capacity: number): UpdateWeightsRequest {
  const share = Math.min(100, Math.max(0, percent));
  return {
    provider: 'sagemaker',
    operation: 'UpdateEndpointWeightsAndCapacities',
    input: {
      EndpointName: endpoint,
      DesiredWeightsAndCapacities: [
        { VariantName: oldVariantName, DesiredWeight: 100 - share },
        {
          VariantName: newVariantName,
          DesiredWeight: share,
          ...(share > 0 && { DesiredInstanceCount: newInstancesAt(share, capacity) }),
        },
      ],
    },
  };
}

/** A rollback's first move: every request back to the old variant at once (its instances never left). */
export function rollbackWeightsRequest(endpoint: string): UpdateWeightsRequest {
  return {
    provider: 'sagemaker',
    operation: 'UpdateEndpointWeightsAndCapacities',
    input: {
      EndpointName: endpoint,
      DesiredWeightsAndCapacities: [
        { VariantName: oldVariantName, DesiredWeight: 100 },
        { VariantName: newVariantName, DesiredWeight: 0 },
      ],
    },
  };
}

/** Tag keys of the state a Shiftwise-run rollout keeps on its endpoint. */
export const stateTagKeys = {
  rollout: 'shiftwise:rollout',
  digest: 'shiftwise:digest',
  original: 'shiftwise:original-config',
  step: 'shiftwise:step',
  state: 'shiftwise:state',
  since: 'shiftwise:since',
  stretch: 'shiftwise:stretch-since',
  reason: 'shiftwise:reason',
} as const;

/** Where a Shiftwise-run rollout is in its life, as its `shiftwise:state` tag says. */
export type StepsPhase = 'starting' | 'shifting' | 'baking' | 'paused' | 'rolling-back' | 'finishing';

/** Every phase, for reading a recorded one back (Vertex AI's labels too). */
export const stepsPhases: readonly StepsPhase[] = [
  'starting',
  'shifting',
  'baking',
  'paused',
  'rolling-back',
  'finishing',
];

/** Where a Shiftwise-run rollout stands, as its tags say it. */
export interface StepsState {
  /** The rollout's name (the file's `name`): a second file's rollout on the same endpoint is refused by it. */
  readonly rollout: string;
  /** A fingerprint of the file's rollout: promote refuses a file that changed. */
  readonly digest: string;
  /** The config before the rollout: where a rollback returns. */
  readonly original: string;
  /** The step reached (1-based; 0 before the first). */
  readonly step: number;
  /**
   * `starting` (the variant being added), `shifting` the step's traffic, `baking` it (or waiting out a timed pause),
   * `paused` at a manual gate, `rolling-back`, `finishing` (leaving the new model alone).
   */
  readonly state: StepsPhase;
  /** When the state began (ISO 8601, the service's clock): a bake or a timed pause ends that long after it. */
  readonly since: string;
  /** When the stretch began (the start, or the last promote): the timeout counts from it. */
  readonly stretch: string;
  /** Why a rollback began, for whoever finishes it. */
  readonly reason?: string;
}

export function stateTagsRequest(endpointArn: string, state: StepsState): AddTagsRequest {
  return {
    provider: 'sagemaker',
    operation: 'AddTags',
    input: {
      ResourceArn: endpointArn,
      Tags: [
        { Key: stateTagKeys.rollout, Value: tagValue(state.rollout) },
        { Key: stateTagKeys.digest, Value: state.digest },
        { Key: stateTagKeys.original, Value: state.original },
        { Key: stateTagKeys.step, Value: String(state.step) },
        { Key: stateTagKeys.state, Value: state.state },
        { Key: stateTagKeys.since, Value: state.since },
        { Key: stateTagKeys.stretch, Value: state.stretch },
        ...(state.reason !== undefined ? [{ Key: stateTagKeys.reason, Value: tagValue(state.reason) }] : []),
      ],
    },
  };
}

export function clearStateTagsRequest(endpointArn: string): DeleteTagsRequest {
  return {
    provider: 'sagemaker',
    operation: 'DeleteTags',
    input: { ResourceArn: endpointArn, TagKeys: Object.values(stateTagKeys) },
  };
}

/** Reads the state back from an endpoint's tags; undefined when no Shiftwise-run rollout is recorded on it. */
export function stateFromTags(tags: readonly { Key?: string; Value?: string }[]): StepsState | undefined {
  const value = (key: string) => tags.find((t) => t.Key === key)?.Value;
  const rollout = value(stateTagKeys.rollout);
  const original = value(stateTagKeys.original);
  if (rollout === undefined || original === undefined) return undefined;
  const state = value(stateTagKeys.state);
  const step = Number(value(stateTagKeys.step) ?? 0);
  return {
    rollout,
    digest: value(stateTagKeys.digest) ?? '',
    original,
    step: Number.isSafeInteger(step) && step >= 0 ? step : 0,
    state: stepsPhases.find((p) => p === state) ?? 'starting',
    since: value(stateTagKeys.since) ?? '',
    stretch: value(stateTagKeys.stretch) ?? value(stateTagKeys.since) ?? '',
    ...(value(stateTagKeys.reason) !== undefined && { reason: value(stateTagKeys.reason) }),
  };
}

/**
 * A tag value SageMaker accepts: at most 256 characters of letters, digits, spaces and `_ . : / = + - @`; anything
 * else becomes a space (a rollback reason quotes a service's words; a rollout's name may hold any character).
 * Characters are code points, as SageMaker counts them, so a letter outside the BMP is never cut in half.
 *
 *   'fraud (v2) 🚨' → 'fraud  v2   '
 */
export function tagValue(text: string): string {
  return [...text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, ' ')].slice(0, 256).join('');
}

/**
 * A short fingerprint of what a Shiftwise-run rollout does — endpoint, model, capacity, steps, alarms and checks —
 * so `promote` can tell the file it is given from the one that started the rollout. Not for security.
 */
export function stepsDigest(rollout: StepsRollout, checks: readonly AnalysisCheck[] = []): string {
  const text = JSON.stringify([
    rollout.endpoint,
    rollout.target.name,
    rollout.capacity ?? null,
    rollout.strategy.type === 'steps' ? rollout.strategy.steps : [],
    rollout.rollback.alarms,
    checks,
  ]);
  return fnv1a(text).toString(16).padStart(8, '0');
}
