import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../errors.js';
import { type Fault, faultAnswer } from '../faults.js';
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
    checkInput(parts.join('/'), input);
    const result = answerOf(parts.join('/'), await method(input));
    send(res, 200, { result: result ?? null });
  } catch (error) {
    const status = error instanceof ServiceError ? error.status : 400;
    send(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** What a method's result is over HTTP: faults in their own words (`faultAnswer`), the rest as they are. */
function answerOf(method: string, result: unknown): unknown {
  if (method === 'injectFault') return faultAnswer(result as Fault);
  if (method === 'faults') return (result as Fault[]).map(faultAnswer);
  return result;
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

/** Query values of the numeric members become numbers (`?seconds=60`), `true`/`false` booleans; the rest stay strings. */
function fromQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (NUMBERS.includes(key) && /^-?\d+(\.\d+)?$/.test(value)) out[key] = Number(value);
    else out[key] = value === 'true' ? true : value === 'false' ? false : value;
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

/** Members each control method needs as non-empty strings (HTTP callers are not type-checked). */
const REQUIRED: Record<string, string[]> = {
  seedModel: ['name'],
  seedEndpointConfig: ['name'],
  seedEndpoint: ['name', 'config'],
  seedInferenceComponent: ['name', 'endpoint', 'model'],
  seedAlarm: ['name'],
  setAlarmState: ['alarm', 'state'],
  scheduleAlarm: ['alarm'],
  injectFault: ['kind'],
  transitions: ['endpoint'],
  setErrorRate: ['endpoint'],
  'vertex/seedModel': ['name'],
  'vertex/seedEndpoint': ['project', 'location', 'id'],
  'vertex/transitions': ['endpoint'],
};
const NUMBERS = [
  'instances',
  'count',
  'latencyMs',
  'status',
  'at',
  'inSeconds',
  'step',
  'ms',
  'seconds',
  'limit',
  'copies',
  'rate',
];
const CHOICES: Record<string, readonly string[]> = {
  state: ['OK', 'ALARM', 'INSUFFICIENT_DATA'],
  kind: ['throttle', 'error', 'drop', 'latency'],
  provider: ['sagemaker', 'vertex-ai'],
};

function checkInput(method: string, input: Record<string, unknown>): void {
  for (const key of REQUIRED[method] ?? [])
    if (typeof input[key] !== 'string' || input[key] === '')
      throw new ServiceError(400, 'BadRequest', `${method} needs '${key}' (a non-empty string).`);
  for (const key of NUMBERS)
    if (input[key] !== undefined && (typeof input[key] !== 'number' || !Number.isFinite(input[key])))
      throw new ServiceError(
        400,
        'BadRequest',
        `${method}: '${key}' must be a number, not ${JSON.stringify(input[key])}.`,
      );
  for (const [key, allowed] of Object.entries(CHOICES))
    if (input[key] !== undefined && !allowed.includes(input[key] as string))
      throw new ServiceError(400, 'BadRequest', `${method}: '${key}' must be one of ${allowed.join(', ')}.`);
}
