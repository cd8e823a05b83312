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

/** Codes of a connection the other side closed before its answer came. */
const closedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * An error in one line, for reports. A connection closed before its answer is said as such, whatever the client
 * called it: the AWS SDK's HTTP handler names a reset socket `TimeoutError`, and fetch says only `fetch failed`
 * (the reset is its `cause`).
 *
 *   TimeoutError, code ECONNRESET, "socket hang up" → the connection was closed before an answer came (ECONNRESET: socket hang up)
 *   TypeError "fetch failed", cause UND_ERR_SOCKET   → the connection was closed before an answer came (UND_ERR_SOCKET: other side closed)
 *   ThrottlingException "Rate exceeded"              → ThrottlingException: Rate exceeded
 */
export function errorText(error: unknown): string {
  const closed = closedConnection(error);
  if (closed !== undefined) return `the connection was closed before an answer came (${closed})`;
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/** `code: message` of the connection reset in `error` or its causes, if it is one. */
function closedConnection(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && closedCodes.has(code))
    return typeof message === 'string' && message !== '' && message !== code ? `${code}: ${message}` : code;
  return closedConnection(cause, depth + 1);
}
