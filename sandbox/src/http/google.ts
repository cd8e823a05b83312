import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import { readBody } from './body.js';

/** Google API error body: `{ "error": { "code": 404, "message": "…", "status": "NOT_FOUND" } }`. */
export function sendGoogleError(res: ServerResponse, error: ServiceError): void {
  const status = googleStatus(error);
  const text = JSON.stringify({ error: { code: error.status, message: error.message, status } });
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A Google API answer: JSON, `{}` for an empty message. */
export function sendGoogleJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const BY_HTTP: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

function googleStatus(error: ServiceError): string {
  return /^[A-Z_]+$/.test(error.code) ? error.code : (BY_HTTP[error.status] ?? 'UNKNOWN');
}

/**
 * A Google API request's body after the faults injected under `key` (`vertex GET /v1/…`, `monitoring POST /v3/…`):
 * latency waited, a drop closes the socket (undefined: nothing to answer), throttling and errors thrown in Google's
 * words (429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE).
 */
export async function googleBody(
  req: IncomingMessage,
  faults: FaultQueue,
  key: string,
): Promise<Buffer | undefined> {
  const { latencyMs, fault } = faults.take(key);
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return undefined;
  }
  const body = await readBody(req);
  if (fault?.kind === 'throttle')
    throw new ServiceError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded (injected by the sandbox).');
  if (fault)
    throw new ServiceError(
      fault.status,
      fault.status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
      'Injected by the sandbox.',
    );
  return body;
}
