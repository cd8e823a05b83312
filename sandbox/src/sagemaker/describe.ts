import type { Json } from '../http/input.js';
import { liveVariants, type WeightsChange } from './live-variants.js';
import type { AlarmProbe } from './progress.js';
import { progressAt } from './progress.js';
import type { ConfigRecord, EndpointRecord, ModelRecord } from './records.js';
import type { SageMakerState } from './state.js';
import type { Phase } from './timeline.js';

/** AWS JSON timestamps are epoch seconds. */
export const seconds = (ms: number) => ms / 1000;

/**
 * DescribeEndpoint's answer at `now` (the endpoint already settled). While an update runs, the
 * old config's variants are `ProductionVariants` and the new config's are in
 * `PendingDeploymentSummary`, each with `VariantStatus`; instance counts are instances carrying
 * traffic, so green/total is the share of traffic on the new config.
 */
export function describeEndpoint(
  state: SageMakerState,
  endpoint: EndpointRecord,
  now: number,
  alarms: AlarmProbe,
): Json {
  const current = state.configs.get(endpoint.configName);
  const update = endpoint.update;
  const progress = update ? progressAt(update, now, alarms) : undefined;
  const phase = progress?.current;
  const out: Json = {
    EndpointName: endpoint.name,
    EndpointArn: endpoint.arn,
    EndpointConfigName: endpoint.configName,
    EndpointStatus: phase ? phase.endpointStatus : endpoint.weights ? 'Updating' : endpoint.status,
    CreationTime: seconds(endpoint.createdAt),
    LastModifiedTime: seconds(endpoint.lastModifiedAt),
  };
  if (endpoint.status === 'Creating') return out;
  if (current) {
    const blueActive = phase ? phase.blueActive : undefined;
    const blueStatus = phase?.on === 'blue' ? phase : undefined;
    out.ProductionVariants = variantSummaries(
      state,
      { ...current, variants: liveVariants(endpoint, current) },
      blueActive,
      blueStatus,
      update?.startedAt,
    );
    if (endpoint.weights)
      out.ProductionVariants = withDesired(out.ProductionVariants as Json[], endpoint.weights);
  }
  if (endpoint.failureReason) out.FailureReason = endpoint.failureReason;
  if (endpoint.lastDeploymentConfig) out.LastDeploymentConfig = endpoint.lastDeploymentConfig;
  if (update && phase) {
    const greenStatus = phase.on === 'green' ? phase : undefined;
    out.PendingDeploymentSummary = {
      EndpointConfigName: update.to.name,
      ProductionVariants: variantSummaries(
        state,
        update.to,
        phase.greenActive,
        greenStatus,
        update.startedAt,
      ),
      StartTime: seconds(update.startedAt),
    };
  }
  return out;
}

/**
 * An UpdateEndpointWeightsAndCapacities in flight: the variants it changes show the desired weight and count
 * beside the current ones, and VariantStatus `Updating` since the call.
 */
function withDesired(summaries: Json[], change: WeightsChange): Json[] {
  return summaries.map((summary) => {
    const desired = change.desired[summary.VariantName as string];
    if (!desired) return summary;
    return {
      ...summary,
      DesiredWeight: desired.weight,
      DesiredInstanceCount: desired.instances,
      VariantStatus: [
        {
          Status: 'Updating',
          StatusMessage: `Updating the variant to weight ${desired.weight} on ${desired.instances} instance(s).`,
          StartTime: seconds(change.startedAt),
        },
      ],
    };
  });
}

function variantSummaries(
  state: SageMakerState,
  config: ConfigRecord,
  active: number | undefined,
  phase: Phase | undefined,
  startedAt: number | undefined,
): Json[] {
  const sizes = config.variants.map((v) => v.InitialInstanceCount);
  const counts = active === undefined ? sizes : shares(active, sizes);
  return config.variants.map((v, i) => {
    const current = counts[i] ?? 0;
    const summary: Json = {
      VariantName: v.VariantName,
      DeployedImages: deployedImages(state.models.get(v.ModelName ?? ''), config.createdAt),
      CurrentWeight: v.InitialVariantWeight,
      DesiredWeight: v.InitialVariantWeight,
      CurrentInstanceCount: current,
      DesiredInstanceCount: v.InitialInstanceCount,
    };
    if (phase && startedAt !== undefined)
      summary.VariantStatus = [
        {
          Status: phase.status,
          StatusMessage: phase.message,
          StartTime: seconds(startedAt + phase.start * 1000),
        },
      ];
    return summary;
  });
}

/**
 * `active` instances of a multi-variant config shared among its variants in proportion to their sizes, by the
 * largest remainder, so the counts add up to `active` exactly: each variant gets the floor of
 * `active × size / total`, and the instances left over go one each to the largest remainders (the first
 * variant on a tie). Rounding each share on its own overcounts: 1 of 2+2 is 0.5 + 0.5, rounded 1 + 1.
 *
 *   active 1 of [2, 2] → [1, 0];  active 3 of [2, 2] → [2, 1];  active 5 of [3, 3, 2] → [2, 2, 1]
 */
function shares(active: number, sizes: readonly number[]): number[] {
  const total = sizes.reduce((n, s) => n + s, 0);
  if (total === 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (active * s) / total);
  const counts = exact.map(Math.floor);
  let left = active - counts.reduce((n, c) => n + c, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function deployedImages(model: ModelRecord | undefined, at: number): Json[] {
  const container = (model?.input.PrimaryContainer ?? (model?.input.Containers as Json[] | undefined)?.[0]) as
    | Json
    | undefined;
  const image = typeof container?.Image === 'string' ? container.Image : undefined;
  if (!image) return [];
  const resolved = image.includes('@') ? image : `${image.split(':')[0]}@sha256:${fakeDigest(image)}`;
  return [{ SpecifiedImage: image, ResolvedImage: resolved, ResolutionTime: seconds(at) }];
}

function fakeDigest(text: string): string {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}
