import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CloudWatchContext, cloudWatchOperations } from '../cloudwatch/operations.js';
import { asServiceError, ServiceError } from '../errors.js';
import type { FaultQueue } from '../faults.js';
import { type SageMakerContext, sageMakerOperations } from '../sagemaker/operations.js';
import {
  AWS_SERVICES,
  type AwsServicePrefix,
  awsFaultError,
  parseTarget,
  sendAws,
  sendAwsError,
} from './aws.js';
import { isQueryRequest, queryHandler } from './aws-query.js';
import { parseJsonObject, readBody } from './body.js';

export interface AwsDeps {
  faults: FaultQueue;
  sageMaker: SageMakerContext;
  cloudWatch: CloudWatchContext;
}

/**
 * `POST /` for the AWS JSON services: target → injected faults → body → operation → answer.
 * Every failure is answered in the service's error shape; nothing escapes to the server. A form body without
 * X-Amz-Target is CloudWatch in the query protocol (aws-query.ts).
 */
export function awsHandler(deps: AwsDeps) {
  const handleQuery = queryHandler({ faults: deps.faults, cloudWatch: deps.cloudWatch });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (isQueryRequest(req)) return handleQuery(req, res);
    let prefix: AwsServicePrefix | undefined;
    try {
      const target = parseTarget(single(req.headers['x-amz-target']));
      prefix = target.prefix;
      const { latencyMs, fault } = deps.faults.take(`${target.prefix}.${target.operation}`);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (fault?.kind === 'drop') return void req.socket.destroy();
      const body = await readBody(req);
      if (fault) throw awsFaultError(prefix, fault.kind, fault.status);
      const input = parseJsonObject(body);
      // One request, one instant: an operation that settles a record and then describes it must see the
      // same time in both, or an update that ends between the two reads as neither running nor ended.
      const now = deps.sageMaker.now();
      const result =
        AWS_SERVICES[prefix].name === 'sagemaker'
          ? operation(
              sageMakerOperations,
              target.operation,
              'SageMaker',
            )({ ...deps.sageMaker, now: () => now }, input)
          : operation(
              cloudWatchOperations,
              target.operation,
              'CloudWatch',
            )({ ...deps.cloudWatch, now: () => now }, input);
      sendAws(res, prefix, 200, result);
    } catch (error) {
      sendAwsError(res, prefix, asServiceError(error));
    }
  };
}

function operation<F>(table: Record<string, F>, name: string, service: string): F {
  const found = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!found)
    throw new ServiceError(
      400,
      'UnknownOperationException',
      `${service} operation '${name}' is not served by the sandbox; it serves ${Object.keys(table).join(', ')}.`,
    );
  return found;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
