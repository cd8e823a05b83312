import type { VertexRollout, VertexStrategy } from '../model.js';
import type { RawMap } from './raw.js';
import { optional, readAlarmNames } from './read-sagemaker.js';
import { readAnalysis, readRunSteps } from './read-steps.js';
import { needed, type Reader, readDuration, readInteger, readSize, readString, unread } from './reader.js';

/**
 * Reads the Vertex AI fields of docs/rollout-file.md into the typed model: a rolling deployment (`maxSurge`,
 * `maxUnavailable`) or a canary Shiftwise runs (`steps`, with `otherDeployedModels`); `analysis` on either. Whole
 * when every value it needs reads (`r.complete`), else with `unread` in each hole.
 */
export function readVertex(
  r: Reader,
  root: RawMap,
  strategyMap: RawMap | undefined,
  name: string,
): VertexRollout {
  const project = needed(r, optional(r, root, 'project', 'project', readString));
  const location = needed(r, optional(r, root, 'location', 'location', readString));
  const endpoint = needed(r, optional(r, root, 'endpoint', 'endpoint', readString));
  const model = needed(r, optional(r, root, 'model', 'model', readString));
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
  const strategy = needed(r, strategyMap && readStrategy(r, strategyMap, root));
  // Checks apply to either Vertex AI strategy: read even when the type is missing or unknown.
  const analysis = needed(r, readAnalysis(r, root));
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
    ...(others !== undefined && (others === unread || others.length > 0) && { otherDeployedModels: others }),
    ...(capacity !== undefined && { capacity }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
    ...((analysis === unread || analysis.length > 0) && { analysis }),
  };
}

function readStrategy(r: Reader, map: RawMap, root: RawMap): VertexStrategy | undefined {
  if (r.context.strategy === 'steps') return { type: 'steps', steps: needed(r, readRunSteps(r, map, root)) };
  const maxSurge = optional(r, map, 'maxSurge', 'strategy.maxSurge', readSize);
  const maxUnavailable = optional(r, map, 'maxUnavailable', 'strategy.maxUnavailable', readSize);
  // A missing or unknown type is reported already; the sizes are still read for their own findings.
  if (r.context.strategy !== 'rolling') return undefined;
  return { type: 'rolling', maxSurge: needed(r, maxSurge), maxUnavailable: needed(r, maxUnavailable) };
}
