/**
 * Faults injected through the control API. Each applies to the next `count` requests whose key
 * contains `match` (case-insensitive); keys are `SageMaker.DescribeEndpoint`,
 * `GraniteServiceVersion20100801.DescribeAlarms` or `vertex GET /v1beta1/projects/…`.
 * Control requests (`/_sandbox/…`) are never faulted.
 */
export type FaultKind = 'throttle' | 'error' | 'drop' | 'latency';

export interface FaultSpec {
  kind: FaultKind;
  /** Substring of the request key; default: every request. */
  match?: string;
  /** How many matching requests it applies to; default 1. `Infinity` (or -1 over HTTP) for all. */
  count?: number;
  /** `error` only: the HTTP status, 500 (default) or 503. */
  status?: 500 | 503;
  /** `latency` only: real milliseconds to wait before answering. Default 100. */
  latencyMs?: number;
}

export interface Fault extends Required<Omit<FaultSpec, 'match'>> {
  match?: string;
  id: number;
  /** Requests it was applied to so far. */
  applied: number;
}

export interface FaultQueue {
  add(spec: FaultSpec): Fault;
  /** The fault for this request, if any; counts it as applied. Latency and another kind may stack. */
  take(key: string): { latencyMs: number; fault?: Fault };
  list(): Fault[];
  clear(): void;
}

export function faultQueue(): FaultQueue {
  let faults: Fault[] = [];
  let nextId = 1;
  const matches = (f: Fault, key: string) =>
    f.applied < f.count && (f.match === undefined || key.toLowerCase().includes(f.match.toLowerCase()));
  return {
    add(spec) {
      const count = spec.count === undefined ? 1 : spec.count < 0 ? Number.POSITIVE_INFINITY : spec.count;
      const fault: Fault = {
        kind: spec.kind,
        ...(spec.match !== undefined ? { match: spec.match } : {}),
        count,
        status: spec.status ?? 500,
        latencyMs: spec.latencyMs ?? 100,
        id: nextId++,
        applied: 0,
      };
      faults.push(fault);
      return fault;
    },
    take(key) {
      let latencyMs = 0;
      const latency = faults.find((f) => f.kind === 'latency' && matches(f, key));
      if (latency) {
        latency.applied++;
        latencyMs = latency.latencyMs;
      }
      const fault = faults.find((f) => f.kind !== 'latency' && matches(f, key));
      if (fault) fault.applied++;
      faults = faults.filter((f) => f.applied < f.count);
      return fault ? { latencyMs, fault } : { latencyMs };
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = [];
    },
  };
}

/**
 * A fault as the control API answers it over HTTP: `count` -1 for every request (JSON has no Infinity, which it would
 * write as null), and only the members its kind uses (a drop has no status or latency).
 *
 *   { kind: 'drop', count: Infinity, status: 500, latencyMs: 100, id: 3, applied: 0 } → { kind: 'drop', count: -1, id: 3, applied: 0 }
 */
export function faultAnswer(fault: Fault): Record<string, unknown> {
  const { status, latencyMs, count, ...rest } = fault;
  return {
    ...rest,
    count: count === Number.POSITIVE_INFINITY ? -1 : count,
    ...(fault.kind === 'error' && { status }),
    ...(fault.kind === 'latency' && { latencyMs }),
  };
}
