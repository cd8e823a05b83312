import type { SandboxClock } from '../clock.js';
import { ServiceError } from '../errors.js';
import { parseJsonObject } from '../http/body.js';
import { type VertexControl, vertexControl } from './control.js';
import { deployModel, undeployModel } from './deploy.js';
import { patchEndpoint } from './patch.js';
import type { VertexEndpointRecord } from './records.js';
import { defaultVertexTimings } from './rollout.js';
import { iso, notFound, settle, type VertexState } from './state.js';
import { endpointView, operationView } from './views.js';

export interface VertexService {
  state: VertexState;
  control: VertexControl;
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Buffer,
  ): { status: number; body: unknown };
}

/**
 * Vertex AI REST, v1 and v1beta1 alike: endpoints get (with `allDeploymentStates`) and patch (`updateMask` of
 * trafficSplit, labels, displayName), `:deployModel` (a rolling deployment with `rolloutOptions`, or a model beside
 * the others with a `trafficSplit`) and `:undeployModel` as long-running operations, operations get, models get.
 * Errors are Google error bodies.
 */
export function createVertex(clock: SandboxClock): VertexService {
  const state: VertexState = {
    endpoints: new Map(),
    models: new Map(),
    operations: new Map(),
    timings: { ...defaultVertexTimings },
    neverReady: new Set(),
    nextId: 1000,
  };
  const handle = (method: string, path: string, query: URLSearchParams, body: Buffer) => {
    // One request, one instant: settling and answering must agree on the time (see the AWS handler).
    const now = clock.now();
    for (const endpoint of state.endpoints.values()) settle(state, endpoint, now);
    const api = path.startsWith('/v1beta1/') ? 'v1beta1' : 'v1';
    const route = path.replace(/^\/v1(beta1)?\//, '').replace(/%40/gi, '@');
    const action =
      /^(projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/:]+):(deployModel|undeployModel)$/.exec(route);
    if (action && method === 'POST') {
      const endpoint = endpointNamed(state, action[1]!);
      const input = parseJsonObject(body);
      const op =
        action[2] === 'deployModel'
          ? deployModel(state, endpoint, input, now, api)
          : undeployModel(state, endpoint, input, now, api);
      return { status: 200, body: operationView(state, op, now) };
    }
    if (method === 'PATCH' && /^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/:]+$/.test(route)) {
      const endpoint = endpointNamed(state, route);
      patchEndpoint(
        endpoint,
        query.get('updateMask') ?? query.get('update_mask'),
        parseJsonObject(body),
        now,
      );
      return { status: 200, body: endpointView(endpoint, now, false) };
    }
    if (method !== 'GET')
      throw new ServiceError(
        404,
        'NOT_FOUND',
        `No route for ${method} ${path}; served: GET and PATCH …/endpoints/E, POST …/endpoints/E:deployModel and :undeployModel, GET …/operations/O and …/models/M.`,
      );
    if (/^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+\/operations\/[^/]+$/.test(route)) {
      const op = state.operations.get(route);
      if (!op) throw notFound(`Operation ${route}`);
      return { status: 200, body: operationView(state, op, now) };
    }
    if (/^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/.test(route)) {
      const all = query.get('allDeploymentStates') === 'true';
      return { status: 200, body: endpointView(endpointNamed(state, route), now, all) };
    }
    if (/^projects\/[^/]+\/locations\/[^/]+\/models\/[^/]+$/.test(route)) {
      const [name, version] = route.split('@');
      const model = state.models.get(name!);
      if (!model) throw notFound(`Model ${route}`);
      return {
        status: 200,
        body: {
          name: model.name,
          displayName: model.displayName,
          versionId: version ?? '1',
          createTime: iso(model.createdAt),
        },
      };
    }
    throw new ServiceError(
      404,
      'NOT_FOUND',
      `No route for GET ${path}; served: endpoints get and patch, :deployModel, :undeployModel, operations get, models get under /v1/ or /v1beta1/projects/P/locations/L/.`,
    );
  };
  return { state, control: vertexControl(state, clock), handle };
}

function endpointNamed(state: VertexState, name: string): VertexEndpointRecord {
  const endpoint = state.endpoints.get(name);
  if (!endpoint) throw notFound(`Endpoint \`${name}\``);
  return endpoint;
}

/** Brings an endpoint's rollout up to `now`: a finished one is applied at the instant it finished. */
