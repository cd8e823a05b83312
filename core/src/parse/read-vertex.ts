import type { VertexRollout, VertexStrategy } from '../model.js';
import { entry, type RawMap } from './raw.js';
import { optional, readAlarmNames } from './read-sagemaker.js';
import { readAnalysis, readRunSteps } from './read-steps.js';
import { type Reader, readDuration, readInteger, readSize, readString } from './reader.js';

/**
 * Reads the Vertex AI fields of docs/rollout-file.md into the typed model: a rolling deployment (`maxSurge`,
 * `maxUnavailable`) or a canary Shiftwise runs (`steps`, with `otherDeployedModels`); `analysis` on either.
 */
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
  const others = optional(r, root, 'otherDeployedModels', 'otherDeployedModels', (reader, e) =>
    readAlarmNames(reader, e, 'otherDeployedModels', 'a DeployedModel ID'),
  );
  const capacity = optional(r, root, 'capacity', 'capacity', readInteger);
  const timeoutSeconds = optional(r, root, 'timeout', 'timeout', readDuration);
  const label = optional(r, root, 'name', 'name', readString) ?? name;
  const strategy = strategyMap && readStrategy(r, strategyMap, root);
  const analysis = r.context.strategy !== undefined ? readAnalysis(r, root) : [];
  if (
    project === undefined ||
    location === undefined ||
    endpoint === undefined ||
    model === undefined ||
    strategy === undefined ||
    analysis === undefined
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
    strategy,
    ...(previousDeployedModel !== undefined && { previousDeployedModel }),
    ...(others !== undefined && others.length > 0 && { otherDeployedModels: others }),
    ...(capacity !== undefined && { capacity }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
    ...(analysis.length > 0 && { analysis }),
  };
}

function readStrategy(r: Reader, map: RawMap, root: RawMap): VertexStrategy | undefined {
  if (r.context.strategy === 'steps') {
    const steps = readRunSteps(r, map, root);
    return steps && { type: 'steps', steps };
  }
  const maxSurge = optional(r, map, 'maxSurge', 'strategy.maxSurge', readSize);
  const maxUnavailable = optional(r, map, 'maxUnavailable', 'strategy.maxUnavailable', readSize);
  if (entry(map, 'type') === undefined || maxSurge === undefined || maxUnavailable === undefined)
    return undefined;
  return { type: 'rolling', maxSurge, maxUnavailable };
}
