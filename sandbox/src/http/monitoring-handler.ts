import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock.js';
import { asServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import type { MonitoringService } from '../monitoring/service.js';
import { googleBody, sendGoogleError, sendGoogleJson } from './google.js';

/**
 * Cloud Monitoring v3 under `/v3/`: injected faults first (key `monitoring GET /v3/projects/P/timeSeries`), then
 * the emulator at the request's instant; Google error bodies.
 */
export function monitoringHandler(deps: {
  faults: FaultQueue;
  monitoring: MonitoringService;
  clock: SandboxClock;
}) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const body = await googleBody(req, deps.faults, `monitoring ${req.method} ${url.pathname}`);
      if (body === undefined) return;
      const answer = deps.monitoring.handle(
        req.method ?? 'GET',
        url.pathname,
        url.searchParams,
        body,
        deps.clock.now(),
      );
      sendGoogleJson(res, 200, answer);
    } catch (error) {
      sendGoogleError(res, asServiceError(error));
    }
  };
}
