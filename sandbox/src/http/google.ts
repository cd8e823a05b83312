import type { ServerResponse } from 'node:http';
import type { ServiceError } from '../errors.js';

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
