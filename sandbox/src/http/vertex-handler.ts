import type { IncomingMessage, ServerResponse } from 'node:http';
import { asServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import type { VertexService } from '../vertex/service.js';
import { googleBody, sendGoogleError, sendGoogleJson } from './google.js';

/**
 * Vertex AI REST under `/v1/` and `/v1beta1/`: injected faults first (keys `vertex GET|POST|PATCH /v1/projects/…`),
 * then the emulator; Google error bodies.
 */
export function vertexHandler(deps: { faults: FaultQueue; vertex: VertexService }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const body = await googleBody(req, deps.faults, `vertex ${req.method} ${url.pathname}`);
      if (body === undefined) return;
      const answer = deps.vertex.handle(req.method ?? 'GET', url.pathname, url.searchParams, body);
      sendGoogleJson(res, answer.status, answer.body);
    } catch (error) {
      sendGoogleError(res, asServiceError(error));
    }
  };
}
