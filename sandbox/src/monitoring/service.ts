import { ServiceError } from '../errors.js';
import { parseJsonObject } from '../http/body.js';
import { listTimeSeries } from './list.js';
import type { MonitoringState } from './state.js';
import { createTimeSeries } from './write.js';

export interface MonitoringService {
  state: MonitoringState;
  /** One request at one instant `now` (epoch ms). */
  handle(method: string, path: string, query: URLSearchParams, body: Buffer, now: number): unknown;
}

/**
 * Cloud Monitoring v3 for what a canary reads: `POST /v3/projects/P/timeSeries` (timeSeries.create) and
 * `GET /v3/projects/P/timeSeries` (timeSeries.list). Errors are Google error bodies. A point of a metric Vertex AI
 * publishes is listed once `delayMs()` has passed since its end (`setMetricDelay`).
 */
export function createMonitoring(delayMs: () => number = () => 0): MonitoringService {
  const state: MonitoringState = { projects: new Map(), descriptors: new Map() };
  return {
    state,
    handle(method, path, query, body, now) {
      const route = /^\/v3\/projects\/([^/]+)\/timeSeries$/.exec(path);
      if (route && method === 'POST') {
        createTimeSeries(state, decodeURIComponent(route[1]!), parseJsonObject(body), now);
        return {};
      }
      if (route && method === 'GET')
        return listTimeSeries(state, decodeURIComponent(route[1]!), query, { now, delayMs: delayMs() });
      throw new ServiceError(
        404,
        'NOT_FOUND',
        `No route for ${method} ${path}; served: POST and GET /v3/projects/P/timeSeries.`,
      );
    },
  };
}
