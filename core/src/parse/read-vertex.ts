import type { VertexRollout } from '../model.js';
import type { RawMap } from './raw.js';
import { optional } from './read-sagemaker.js';
import { type Reader, readDuration, readInteger, readSize, readString } from './reader.js';

/** Reads the Vertex AI fields of docs/rollout-file.md into the typed model. */
export function readVertex(
  r: Reader,
  root: RawMap,
  strategyMap: RawMap | undefined,
  name: string,
): VertexRollout | undefined {
  const project = optional(r, root, 'project', 'project', readString);
  const location = optional(r, root, 'location', 'location', readString);
  const endpoint = optional(r, root, 'endpoint', 'endpoint', readString);
  const model = optional(r, root, 'model', 'model', readString);
  const previousDeployedModel = optional(
    r,
    root,
    'previousDeployedModel',
    'previousDeployedModel',
    readString,
  );
  const capacity = optional(r, root, 'capacity', 'capacity', readInteger);
  const timeoutSeconds = optional(r, root, 'timeout', 'timeout', readDuration);
  const label = optional(r, root, 'name', 'name', readString) ?? name;
  const maxSurge = strategyMap && optional(r, strategyMap, 'maxSurge', 'strategy.maxSurge', readSize);
  const maxUnavailable =
    strategyMap && optional(r, strategyMap, 'maxUnavailable', 'strategy.maxUnavailable', readSize);
  if (
    project === undefined ||
    location === undefined ||
    endpoint === undefined ||
    model === undefined ||
    maxSurge === undefined ||
    maxUnavailable === undefined
  ) {
    r.complete = false;
    return undefined;
  }
  return {
    version: 1,
    provider: 'vertex-ai',
    name: label,
    project,
    location,
    endpoint,
    model,
    strategy: { type: 'rolling', maxSurge, maxUnavailable },
    ...(previousDeployedModel !== undefined && { previousDeployedModel }),
    ...(capacity !== undefined && { capacity }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
  };
}
