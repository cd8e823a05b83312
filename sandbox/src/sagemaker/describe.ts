import type { Json } from '../http/input.js';
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
    EndpointStatus: phase ? phase.endpointStatus : endpoint.status,
    CreationTime: seconds(endpoint.createdAt),
    LastModifiedTime: seconds(endpoint.lastModifiedAt),
  };
  if (endpoint.status === 'Creating') return out;
  if (current) {
    const blueActive = phase ? phase.blueActive : undefined;
    const blueStatus = phase?.on === 'blue' ? phase : undefined;
    out.ProductionVariants = variantSummaries(state, current, blueActive, blueStatus, update?.startedAt);
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

function variantSummaries(
  state: SageMakerState,
  config: ConfigRecord,
  active: number | undefined,
  phase: Phase | undefined,
  startedAt: number | undefined,
): Json[] {
  const total = config.variants.reduce((n, v) => n + v.InitialInstanceCount, 0);
  return config.variants.map((v) => {
    const current =
      active === undefined ? v.InitialInstanceCount : share(active, v.InitialInstanceCount, total);
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

/** A variant's share of `active` instances of a multi-variant config, in proportion to its size. */
function share(active: number, variantCount: number, total: number): number {
  return total === 0 ? 0 : Math.round((active * variantCount) / total);
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
