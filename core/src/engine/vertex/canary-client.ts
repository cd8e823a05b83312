import type {
  DeployModelRequest,
  PatchEndpointRequest,
  UndeployModelRequest,
} from '../../plan/request-types.js';
import type { DeployedModel, TrafficSplit } from '../../plan/vertex-api.js';
import { googleCall, type VertexOperation } from './client.js';
import type { TokenSource } from './google-token.js';

/** The endpoint as `GET v1/{endpoint}` answers for a canary: its models, split and labels, and the server's clock. */
export interface CanaryEndpointView {
  readonly deployedModels?: readonly DeployedModel[];
  readonly trafficSplit?: TrafficSplit;
  readonly labels?: Readonly<Record<string, string>>;
  /** The server's `Date` when it answered (epoch ms), when it sent one. */
  readonly answeredAt?: number;
}

/** One point of a Cloud Monitoring time series (`projects.timeSeries.list`). */
export interface MonitoringPoint {
  readonly interval?: { readonly startTime?: string; readonly endTime?: string };
  readonly value?: {
    readonly doubleValue?: number;
    readonly int64Value?: string | number;
    readonly distributionValue?: { readonly mean?: number };
  };
}

/** The calls a Vertex AI canary makes: the GA v1 API, and Cloud Monitoring v3 for its analysis. */
export interface CanaryClient {
  /** With `inFlight`, also the DeployedModels still being deployed (`allDeploymentStates=true`). */
  endpoint(signal?: AbortSignal, inFlight?: boolean): Promise<CanaryEndpointView>;
  deployModel(request: DeployModelRequest, signal?: AbortSignal): Promise<VertexOperation>;
  undeployModel(request: UndeployModelRequest, signal?: AbortSignal): Promise<VertexOperation>;
  patch(request: PatchEndpointRequest, signal?: AbortSignal): Promise<CanaryEndpointView>;
  operation(name: string, signal?: AbortSignal): Promise<VertexOperation>;
  /** `projects.timeSeries.list`: the points of every series matching `filter`, aligned per `periodSeconds`. */
  timeSeries(
    query: {
      readonly filter: string;
      readonly start: number;
      readonly end: number;
      readonly periodSeconds: number;
      readonly aligner: string;
    },
    signal?: AbortSignal,
  ): Promise<readonly { readonly points?: readonly MonitoringPoint[] }[]>;
}

export interface CanaryClientOptions {
  /** `https://{location}-aiplatform.googleapis.com`, or the sandbox's URL. */
  readonly base: string;
  /** `https://monitoring.googleapis.com`, or the sandbox's URL. */
  readonly monitoring: string;
  readonly tokens: TokenSource;
  /** `projects/{project}/locations/{location}/endpoints/{endpoint}`. */
  readonly endpointName: string;
  readonly project: string;
}

/**
 * A small REST client for a canary: bearer token on every call, JSON in and out, a `VertexError` with Google's
 * message for anything but 2xx (as the rolling client), and the server's `Date` kept with the endpoint's view.
 */
export function canaryClient(options: CanaryClientOptions): CanaryClient {
  const call = <T>(
    base: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ) => googleCall<T>(base, options.tokens, method, path, body, signal);
  const vertex = <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, signal?: AbortSignal) =>
    call<T>(options.base, method, `v1/${path}`, body, signal);
  const view = (answer: { json: CanaryEndpointView; date?: number }): CanaryEndpointView => ({
    ...answer.json,
    ...(answer.date !== undefined && { answeredAt: answer.date }),
  });
  return {
    endpoint: async (signal, inFlight) =>
      view(
        await vertex<CanaryEndpointView>(
          'GET',
          `${options.endpointName}${inFlight ? '?allDeploymentStates=true' : ''}`,
          undefined,
          signal,
        ),
      ),
    deployModel: async (request, signal) =>
      (await vertex<VertexOperation>('POST', `${request.endpoint}:deployModel`, request.body, signal)).json,
    undeployModel: async (request, signal) =>
      (await vertex<VertexOperation>('POST', `${request.endpoint}:undeployModel`, request.body, signal)).json,
    patch: async (request, signal) =>
      view(
        await vertex<CanaryEndpointView>(
          'PATCH',
          `${request.endpoint}?updateMask=${request.updateMask}`,
          request.body,
          signal,
        ),
      ),
    operation: async (name, signal) => (await vertex<VertexOperation>('GET', name, undefined, signal)).json,
    async timeSeries(query, signal) {
      const params = new URLSearchParams({
        filter: query.filter,
        'interval.startTime': new Date(query.start).toISOString(),
        'interval.endTime': new Date(query.end).toISOString(),
        'aggregation.alignmentPeriod': `${query.periodSeconds}s`,
        'aggregation.perSeriesAligner': query.aligner,
        'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      });
      const answer = await call<{ timeSeries?: { points?: MonitoringPoint[] }[] }>(
        options.monitoring,
        'GET',
        `v3/projects/${options.project}/timeSeries?${params}`,
        undefined,
        signal,
      );
      return answer.json.timeSeries ?? [];
    },
  };
}
