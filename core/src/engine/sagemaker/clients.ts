import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type CreateEndpointConfigCommandInput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { CreateEndpointConfigRequest } from '../../plan/request-types.js';
import { type WireTimeouts, wireTimeouts } from '../wire-timeouts.js';

export interface SageMakerClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
}

/**
 * SDK clients configured as the standard chains would be, from `env` (the process environment by default):
 * region from the file or AWS_REGION, endpoint from AWS_ENDPOINT_URL_SAGEMAKER / _CLOUDWATCH or AWS_ENDPOINT_URL,
 * static keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN when set, else the SDK's own
 * credential chain (profiles, SSO, web identity for OIDC). So the sandbox is reached exactly as AWS is.
 * `maxAttempts: 1`: the runner retries on its own clock. A call that cannot connect, or gets no answer, within
 * `timeouts` fails with a `TimeoutError` (the SDK waits forever by default).
 */
export function sageMakerClients(
  region: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  timeouts: WireTimeouts = wireTimeouts,
): SageMakerClients {
  const resolvedRegion = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
          },
        }
      : {};
  const base = {
    maxAttempts: 1,
    // socketTimeout: no byte for that long fails the call (the SDK's requestTimeout only logs a warning).
    requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.answerMs },
    ...(resolvedRegion && { region: resolvedRegion }),
    ...credentials,
  };
  const endpoint = (service: string) => {
    const url = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    return url ? { endpoint: url } : {};
  };
  const sagemaker = new SageMakerClient({ ...base, ...endpoint('SAGEMAKER') });
  recordServerDates(sagemaker);
  return { sagemaker, cloudwatch: new CloudWatchClient({ ...base, ...endpoint('CLOUDWATCH') }) };
}

const serverDates = new WeakMap<object, number>();

/**
 * Remembers the `Date` header of each answer beside its output, for `serverDateOf`: the service's clock when it
 * answered, to which times in the answer (a bake's `StartTime`) are relative.
 */
export function recordServerDates(client: SageMakerClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string | undefined> } | undefined)
        ?.headers;
      const date = Date.parse(headers?.date ?? '');
      if (Number.isFinite(date) && typeof result.output === 'object' && result.output !== null)
        serverDates.set(result.output, date);
      return result;
    },
    { step: 'build', name: 'shiftwiseServerDate', override: true },
  );
}

/** The service's clock (epoch ms, to the second) when it sent `output`; undefined when it sent no `Date`. */
export const serverDateOf = (output: object): number | undefined => serverDates.get(output);

/**
 * The SDK's input for a planned CreateEndpointConfig: the one narrowing on a request path. Core types the fields
 * SageMaker restricts to its own lists (instance types, accelerator types …) as strings, since it cannot list
 * them; their values are the service's own, read by preflight. core/test/engine/request-types.test.ts checks the
 * rest of the shape against the SDK's type.
 */
export const createConfigInput = (request: CreateEndpointConfigRequest) =>
  request.input as CreateEndpointConfigCommandInput;
