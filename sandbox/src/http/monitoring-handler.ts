import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock.js';
import { asServiceError, ServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import type { MonitoringService } from '../monitoring/service.js';
import { readBody } from './body.js';
import { sendGoogleError, sendGoogleJson } from './google.js';

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
      const { latencyMs, fault } = deps.faults.take(`monitoring ${req.method} ${url.pathname}`);
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
