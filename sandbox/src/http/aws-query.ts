import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CloudWatchContext, cloudWatchOperations } from '../cloudwatch/operations.js';
import { decodeQuery, queryActions } from '../cloudwatch/query-decode.js';
import { encodeQueryError, encodeQueryResult } from '../cloudwatch/query-encode.js';
import { asServiceError, ServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import { awsFaultError } from './aws.js';
import { readBody } from './body.js';

/** Whether a request is in the query protocol: a form body and no X-Amz-Target (botocore < 1.31, aws-cli 2.9). */
export function isQueryRequest(req: IncomingMessage): boolean {
  const type = String(req.headers['content-type'] ?? '');
  return req.headers['x-amz-target'] === undefined && type.startsWith('application/x-www-form-urlencoded');
}

/**
 * CloudWatch in the query protocol, beside AWS JSON 1.0 on the same `POST /`: form body → the operation the JSON
 * protocol runs (the same code, the same state, the same faults by `GraniteServiceVersion20100801.<Action>`) →
 * an XML answer, or an `<ErrorResponse>` with the status the service sends.
 */
export function queryHandler(deps: { faults: FaultQueue; cloudWatch: CloudWatchContext }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    try {
      const body = (await readBody(req)).toString('utf8');
      const { action, input } = decodeQuery(body);
      if (action === undefined)
        throw new ServiceError(400, 'MissingAction', 'The request must contain the parameter Action.');
      const { latencyMs, fault } = deps.faults.take(`GraniteServiceVersion20100801.${action}`);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (fault?.kind === 'drop') return void req.socket.destroy();
      if (fault) throw awsFaultError('GraniteServiceVersion20100801', fault.kind, fault.status);
      const operation = Object.hasOwn(cloudWatchOperations, action)
        ? cloudWatchOperations[action]
        : undefined;
      if (operation === undefined || !queryActions.includes(action))
        throw new ServiceError(
          400,
          'InvalidAction',
          `CloudWatch action '${action}' is not served by the sandbox; it serves ${queryActions.join(', ')}.`,
        );
      const now = deps.cloudWatch.now();
      const result = operation({ ...deps.cloudWatch, now: () => now }, input);
      send(res, 200, encodeQueryResult(action, result, requestId), requestId);
    } catch (error) {
      const failure = asServiceError(error);
      send(res, failure.status, encodeQueryError(failure, requestId), requestId);
    }
  };
}

function send(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}
