/**
 * How long one call to a cloud API may wait on the wire: to connect, and for its answer. A call past either fails
 * with a `TimeoutError`, which `retrying` takes as transient, so it is retried within the call's budget and then
 * reported. Without them a network that silently drops packets hangs a deploy, and the Actions job running it, until
 * the job's own time limit: the SDK and fetch wait forever by default. SageMaker, CloudWatch, Vertex AI and Google's
 * token service answer in well under a second; a minute leaves room for a slow network.
 */
export interface WireTimeouts {
  /** Time to open the connection (TCP and TLS). */
  readonly connectMs: number;
  /** Time for the answer: the AWS SDK counts it from the last byte on the socket, fetch for the whole answer. */
  readonly answerMs: number;
}

export const wireTimeouts: WireTimeouts = { connectMs: 10_000, answerMs: 60_000 };

/**
 * The signal a fetch to a cloud API runs under: the caller's (an interrupt) and the answer's time limit, whichever
 * fires first. A caller's abort stays an `AbortError`; the time limit aborts with a `TimeoutError`.
 *
 *   wireSignal(undefined)          → aborts after 60 s
 *   wireSignal(interrupt, 5_000)   → aborts on the interrupt, or after 5 s
 */
export function wireSignal(signal: AbortSignal | undefined, answerMs = wireTimeouts.answerMs): AbortSignal {
  const limit = AbortSignal.timeout(answerMs);
  return signal ? AbortSignal.any([signal, limit]) : limit;
}

/**
 * `error` said for a report when it is the answer's time limit (fetch's `The operation was aborted due to timeout`
 * names neither the call nor the limit); any other error as it is. Still a `TimeoutError`, so it is retried.
 *
 *   a TimeoutError of GET https://…/endpoints/1 → TimeoutError: no answer to GET https://…/endpoints/1 within 60 s
 */
export function namedTimeout(error: unknown, call: string, answerMs = wireTimeouts.answerMs): unknown {
  if (!(error instanceof Error) || error.name !== 'TimeoutError') return error;
  return Object.assign(new Error(`no answer to ${call} within ${answerMs / 1000} s`, { cause: error }), {
    name: 'TimeoutError',
  });
}
