import { ServiceError } from '../errors.js';
import type { Json } from '../http/input.js';
import type { VertexEndpointRecord } from './records.js';
import { checkSplitIds, MAX_DISPLAY_NAME, readLabels, readSplit } from './requests.js';
import { invalid } from './state.js';
import { etagOf } from './views.js';

/** The Endpoint fields `endpoints.patch` updates here, by their updateMask paths (camelCase or snake_case). */
const PATHS: Record<string, 'trafficSplit' | 'labels' | 'displayName'> = {
  trafficSplit: 'trafficSplit',
  traffic_split: 'trafficSplit',
  labels: 'labels',
  displayName: 'displayName',
  display_name: 'displayName',
};

/**
 * `PATCH …/endpoints/E?updateMask=…`: replaces the fields the mask names with the body's, at once (the service
 * answers the updated Endpoint, no operation). A field in the mask but absent from the body is cleared, as a field
 * mask does. A split names only DeployedModels the endpoint serves (not one being undeployed), in whole percents
 * adding up to 100, or is empty (no traffic); a split cannot change while a deployment runs. A body `etag` that is
 * not the endpoint's is refused (ABORTED), so a read-modify-write cannot overwrite a change it did not see.
 */
export function patchEndpoint(
  endpoint: VertexEndpointRecord,
  mask: string | null,
  body: Json,
  now: number,
): void {
  const fields = readMask(mask);
  if (typeof body.etag === 'string' && body.etag !== etagOf(endpoint))
    throw new ServiceError(
      409,
      'ABORTED',
      `The etag ${body.etag} does not match the endpoint's current etag ${etagOf(endpoint)}; read the endpoint again and retry.`,
    );
  let split: Record<string, number> | undefined;
  if (fields.has('trafficSplit')) {
    if (endpoint.rollout)
      throw new ServiceError(
        400,
        'FAILED_PRECONDITION',
        `The traffic split of ${endpoint.name} cannot change while the deployment ${endpoint.rollout.operation} runs.`,
      );
    const serving = endpoint.deployedModels
      .filter((m) => !endpoint.undeploying.some((u) => u.id === m.id))
      .map((m) => m.id);
    checkSplitIds(body.trafficSplit, serving, false);
    split = readSplit(body.trafficSplit, undefined) ?? {};
  }
  const labels = fields.has('labels') ? readLabels(body.labels) : undefined;
  const name = fields.has('displayName') ? body.displayName : undefined;
  if (
    fields.has('displayName') &&
    (typeof name !== 'string' || name === '' || [...name].length > MAX_DISPLAY_NAME)
  )
    throw invalid(`displayName is required: 1 to ${MAX_DISPLAY_NAME} characters.`);
  if (split) endpoint.trafficSplit = split;
  if (labels) endpoint.labels = labels;
  if (typeof name === 'string') endpoint.displayName = name;
  endpoint.updatedAt = now;
}

function readMask(mask: string | null): Set<string> {
  if (mask === null || mask.trim() === '')
    throw invalid(
      'updateMask is required: the comma-separated Endpoint fields to update (trafficSplit, labels, displayName).',
    );
  const out = new Set<string>();
  for (const path of mask.split(',').map((p) => p.trim())) {
    const field = Object.hasOwn(PATHS, path) ? PATHS[path] : undefined;
    if (!field)
      throw invalid(
        `Invalid update mask path ${JSON.stringify(path)}: the sandbox updates trafficSplit, labels and displayName of an Endpoint.`,
      );
    out.add(field);
  }
  return out;
}
