import { type AlarmProbe, progressAt } from './progress.js';
import type { EndpointRecord } from './records.js';
import { type SageMakerState, settle } from './state.js';
import { type TrafficSplit, updateSplits } from './traffic.js';

/**
 * Every split of the endpoint named `name` up to `now`, oldest first: those of endpoints of that name deleted
 * before, the settled ones of the endpoint, and those of an update in flight so far.
 */
export function trafficOf(
  state: SageMakerState,
  name: string,
  now: number,
  alarms: AlarmProbe,
): TrafficSplit[] {
  const past = state.retiredTraffic.get(name) ?? [];
  const endpoint = state.endpoints.get(name);
  if (!endpoint) return past;
  settle(endpoint, now, alarms);
  const update = endpoint.update;
  const live = update ? updateSplits(update, progressAt(update, now, alarms).phases) : [];
  return [...past, ...endpoint.served, ...live].filter((s) => s.at <= now).sort((a, b) => a.at - b.at);
}

/** Keeps a deleted endpoint's traffic (its metrics stay in CloudWatch): it served nothing from `now` on. */
export function retireTraffic(
  state: SageMakerState,
  endpoint: EndpointRecord,
  now: number,
  alarms: AlarmProbe,
): void {
  const splits = trafficOf(state, endpoint.name, now, alarms);
  state.retiredTraffic.set(endpoint.name, [...splits, { at: now, routes: [] }]);
}
