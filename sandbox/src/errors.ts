/**
 * An error answered to a client. AWS JSON renders it as `{ "__type": code, "message": … }` with
 * `status`; CloudWatch (query-compatible) also sends `x-amzn-query-error: <queryCode>;Sender`;
 * Vertex AI renders it as a Google error body (`{ error: { code, message, status } }`).
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly queryCode: string = code,
  ) {
    super(message);
    this.name = code;
  }
}

/** SageMaker answers most client mistakes, including missing resources, with a 400 ValidationException. */
export function validation(message: string): ServiceError {
  return new ServiceError(400, 'ValidationException', message);
}

/**
 * The Coral-style constraint message AWS services send for shape violations:
 * "1 validation error detected: Value '5000' at 'x.y' failed to satisfy constraint: Member must …".
 */
export function constraintViolation(problems: readonly { path: string; value: unknown; rule: string }[]) {
  const n = problems.length;
  const parts = problems.map(
    (p) => `Value '${shown(p.value)}' at '${p.path}' failed to satisfy constraint: ${p.rule}`,
  );
  return validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Anything thrown while serving becomes a 500 InternalFailure that says what broke. */
export function asServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceError(500, 'InternalFailure', `Sandbox internal error: ${message}`);
}
