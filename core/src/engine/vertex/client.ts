import type { VertexRollout } from '../../model.js';
import type { DeployModelRequest } from '../../plan/request-types.js';
import type { DeployedModel } from '../../plan/vertex-api.js';
import { namedTimeout, wireSignal, wireTimeouts } from '../wire-timeouts.js';
import type { TokenSource } from './google-token.js';

/**
 * A DeployedModel as the endpoint lists it. One that a rolling deployment brings carries that deployment's
 * `rolloutOptions`, whose `previousDeployedModel` is the DeployedModel it replaces.
 */
export type ListedModel = DeployedModel & {
  readonly rolloutOptions?: { readonly previousDeployedModel?: string };
};

/** The endpoint as `GET v1beta1/{endpoint}?allDeploymentStates=true` answers: its models and traffic split. */
export interface VertexEndpointView {
  readonly deployedModels?: readonly ListedModel[];
  readonly trafficSplit?: Readonly<Record<string, number>>;
}

/** A long-running operation, as `deployModel` starts it and `GET v1beta1/{name}` reads it. */
export interface VertexOperation {
  readonly name: string;
  readonly done?: boolean;
  readonly error?: { readonly code?: number; readonly message?: string };
}

/** A Vertex AI REST error, with the HTTP status the retry rules read (429 is named as AWS throttling is). */
export class VertexError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = status === 429 ? 'TooManyRequestsException' : 'VertexError';
  }
}

/** The answer, or `undefined` when Vertex AI says the resource does not exist (404). */
export async function orNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof VertexError && error.status === 404) return undefined;
    throw error;
  }
}

/** Why preflight refuses a rollout whose endpoint Vertex AI does not have. */
export function endpointNotFound(rollout: Pick<VertexRollout, 'project' | 'location' | 'endpoint'>): string {
  return `endpoint ${rollout.endpoint} not found in ${rollout.project}/${rollout.location}`;
}

/** The three calls the Vertex AI provider makes. */
export interface VertexClient {
  endpoint(signal?: AbortSignal): Promise<VertexEndpointView>;
  /** Posts a planned request's body to `{endpoint}:deployModel`, unchanged. */
  deployModel(request: DeployModelRequest, signal?: AbortSignal): Promise<VertexOperation>;
  operation(name: string, signal?: AbortSignal): Promise<VertexOperation>;
}

export interface VertexClientOptions {
  /** `https://{location}-aiplatform.googleapis.com`, or the sandbox's URL. */
  readonly base: string;
  readonly tokens: TokenSource;
  /** `projects/{project}/locations/{location}/endpoints/{endpoint}`. */
  readonly endpointName: string;
}

/**
 * A small REST client for Vertex AI v1beta1: bearer token from `tokens` on every call, JSON in and out, and a
 * `VertexError` carrying the status and Google's message (cut to 300 characters) for anything but 2xx.
 */
export function vertexClient(options: VertexClientOptions): VertexClient {
  const request = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal) =>
    (await googleCall<T>(options.base, options.tokens, method, `v1beta1/${path}`, body, signal)).json;
  return {
    endpoint: (signal) =>
      request<VertexEndpointView>(
        'GET',
        `${options.endpointName}?allDeploymentStates=true`,
        undefined,
        signal,
      ),
    deployModel: (planned, signal) =>
      request<VertexOperation>('POST', `${planned.endpoint}:deployModel`, planned.body, signal),
    operation: (name, signal) => request<VertexOperation>('GET', name, undefined, signal),
  };
}

/**
 * One call to a Google REST API: the bearer token, JSON in and out, a `VertexError` carrying the status and Google's
 * message (cut to 300 characters) for anything but 2xx, and the server's `Date` (epoch ms) when it sent one. An
 * answer that takes longer than `answerMs` (`wireTimeouts`) fails the call with a `TimeoutError`.
 */
export async function googleCall<T>(
  base: string,
  tokens: TokenSource,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  answerMs = wireTimeouts.answerMs,
): Promise<{ json: T; date?: number }> {
  const token = await tokens.token(signal);
  const url = `${base.replace(/\/$/, '')}/${path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: wireSignal(signal, answerMs),
    });
    text = await response.text();
  } catch (error) {
    throw namedTimeout(error, `${method} ${url}`, answerMs);
  }
  if (!response.ok)
    throw new VertexError(
      response.status,
      `Vertex AI ${response.status}: ${errorMessage(text).slice(0, 300)}`,
    );
  const date = Date.parse(response.headers.get('date') ?? '');
  return { json: (text ? JSON.parse(text) : {}) as T, ...(Number.isFinite(date) && { date }) };
}

/** Google's `{error: {message}}`, else the body as it came. */
export function errorMessage(text: string): string {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
  } catch {
    return text;
  }
}
