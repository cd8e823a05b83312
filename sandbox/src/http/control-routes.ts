import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../errors.js';
import { parseJsonObject, readBody } from './body.js';

export type ControlRoute = (input: Record<string, unknown>) => unknown;

/**
 * The control API over HTTP: `POST /_sandbox/<method>` (or `/_sandbox/vertex/<method>`) calls the
 * control handle's method with the JSON body as its argument; `GET` passes the query string
 * instead. Answers `200 {"result": …}` or `4xx {"error": "…"}`.
 */
export async function serveControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  control: Record<string, unknown>,
): Promise<void> {
  try {
    const parts = url.pathname.slice('/_sandbox/'.length).split('/').filter(Boolean);
    const method = resolve(control, parts);
    const input = req.method === 'GET' ? fromQuery(url.searchParams) : parseJsonObject(await readBody(req));
    const result = await method(input);
    send(res, 200, { result: result ?? null });
  } catch (error) {
    const status = error instanceof ServiceError ? error.status : 400;
    send(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}

function resolve(control: Record<string, unknown>, parts: string[]): ControlRoute {
  let target: unknown = control;
  let holder: Record<string, unknown> = control;
  for (const part of parts) {
    if (typeof target !== 'object' || target === null || !Object.hasOwn(target, part)) {
      target = undefined;
      break;
    }
    holder = target as Record<string, unknown>;
    target = holder[part];
  }
  if (typeof target !== 'function') {
    const names = Object.keys(control).filter((k) => typeof control[k] === 'function');
    throw new ServiceError(
      404,
      'NotFound',
      `No control method '${parts.join('/')}'; expected one of ${names.join(', ')} or vertex/<method>.`,
    );
  }
  return (input) => (target as (arg: unknown) => unknown).call(holder, input);
}

/** Query values that look like numbers or booleans become them (`?seconds=60`). */
function fromQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) {
    out[key] = /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : value;
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
