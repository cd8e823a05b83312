import type { IncomingMessage, ServerResponse } from 'node:http';
import { asServiceError, ServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import type { VertexService } from '../vertex/service.js';
import { readBody } from './body.js';
import { sendGoogleError } from './google.js';

/**
 * Vertex AI REST under `/v1/` and `/v1beta1/`: injected faults first (keys `vertex GET|POST|PATCH /v1/projects/…`),
 * then the emulator; Google error bodies.
 */
export function vertexHandler(deps: { faults: FaultQueue; vertex: VertexService }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const { latencyMs, fault } = deps.faults.take(`vertex ${req.method} ${url.pathname}`);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (fault?.kind === 'drop') return void req.socket.destroy();
      const body = await readBody(req);
      if (fault?.kind === 'throttle')
        throw new ServiceError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded (injected by the sandbox).');
      if (fault)
        throw new ServiceError(
          fault.status,
          fault.status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
          'Injected by the sandbox.',
        );
      const answer = deps.vertex.handle(req.method ?? 'GET', url.pathname, url.searchParams, body);
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      sendGoogleError(res, asServiceError(error));
    }
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
