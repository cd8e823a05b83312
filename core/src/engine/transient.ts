/** Error names and codes that mean "try again": throttling, server faults, dropped connections. */
const transientNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
  'TimeoutError',
  'RequestTimeout',
]);
const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether an error from a provider call is worth retrying: HTTP 429 or 5xx, a throttling error name, or a
 * connection fault (also when wrapped as `cause`, as fetch does). Validation errors and 4xx are not.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    status?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    cause?: unknown;
  };
  const status = e.$metadata?.httpStatusCode ?? (typeof e.status === 'number' ? e.status : undefined);
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  if (typeof e.name === 'string' && transientNames.has(e.name)) return true;
  if (typeof e.code === 'string' && transientCodes.has(e.code)) return true;
  if (e.$retryable) return true;
  if (
    typeof e.message === 'string' &&
    /socket hang up|fetch failed|other side closed|ECONNRESET/i.test(e.message)
  )
    return true;
  return isTransient(e.cause, depth + 1);
}

/** An error in one line, for reports. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
