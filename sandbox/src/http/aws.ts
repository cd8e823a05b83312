import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ServiceError } from '../errors.js';
import type { FaultKind } from '../faults.js';

/** The AWS JSON services on the one port, by the X-Amz-Target prefix each client sends. */
export const AWS_SERVICES = {
  SageMaker: { name: 'sagemaker', version: '1.1', queryCompatible: false },
  GraniteServiceVersion20100801: { name: 'cloudwatch', version: '1.0', queryCompatible: true },
} as const;

export type AwsServicePrefix = keyof typeof AWS_SERVICES;

/** Splits `SageMaker.DescribeEndpoint` into service and operation, or answers what is expected. */
export function parseTarget(target: string | undefined): { prefix: AwsServicePrefix; operation: string } {
  if (!target)
    throw new ServiceError(
      400,
      'UnknownOperationException',
      `Missing X-Amz-Target header; expected one of ${Object.keys(AWS_SERVICES)
        .map((p) => `${p}.<Operation>`)
        .join(', ')}.`,
    );
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, dot);
  if (dot <= 0 || !(prefix in AWS_SERVICES))
    throw new ServiceError(
      400,
      'UnknownOperationException',
      `Unknown X-Amz-Target '${target}'; this sandbox serves ${Object.keys(AWS_SERVICES).join(' and ')}.`,
    );
  return { prefix: prefix as AwsServicePrefix, operation: target.slice(dot + 1) };
}

/** Writes an AWS JSON answer. */
export function sendAws(
  res: ServerResponse,
  prefix: AwsServicePrefix | undefined,
  status: number,
  body: unknown,
): void {
  const version = prefix ? AWS_SERVICES[prefix].version : '1.1';
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': `application/x-amz-json-${version}`,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

/**
 * Writes an error the way the service does: `{"__type", "message"}`; query-compatible services
 * (CloudWatch) add `x-amzn-query-error: <code>;Sender|Receiver`, from which the SDK picks the
 * error class.
 */
export function sendAwsError(
  res: ServerResponse,
  prefix: AwsServicePrefix | undefined,
  error: ServiceError,
): void {
  const version = prefix ? AWS_SERVICES[prefix].version : '1.1';
  const text = JSON.stringify({ __type: error.code, message: error.message });
  const headers: Record<string, string | number> = {
    'content-type': `application/x-amz-json-${version}`,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  };
  if (prefix && AWS_SERVICES[prefix].queryCompatible)
    headers['x-amzn-query-error'] = `${error.queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
  res.writeHead(error.status, headers);
  res.end(text);
}

/** The error an injected fault answers with, per service. */
export function awsFaultError(
  prefix: AwsServicePrefix | undefined,
  kind: FaultKind,
  status: number,
): ServiceError {
  const cloudWatch = prefix === 'GraniteServiceVersion20100801';
  if (kind === 'throttle')
    return cloudWatch
      ? new ServiceError(400, 'Throttling', 'Rate exceeded', 'Throttling')
      : new ServiceError(400, 'ThrottlingException', 'Rate exceeded');
  if (status === 503)
    return new ServiceError(503, 'ServiceUnavailable', 'Service is unavailable. Please try again.');
  return cloudWatch
    ? new ServiceError(
        500,
        'InternalServiceFault',
        'Internal service error (injected by the sandbox).',
        'InternalServiceError',
      )
    : new ServiceError(
        500,
        'InternalFailure',
        'We encountered an internal error. Please try again. (injected by the sandbox)',
      );
}
