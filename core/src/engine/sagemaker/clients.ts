import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface SageMakerClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
}

/**
 * SDK clients configured as the standard chains would be, from `env` (the process environment by default):
 * region from the file or AWS_REGION, endpoint from AWS_ENDPOINT_URL_SAGEMAKER / _CLOUDWATCH or AWS_ENDPOINT_URL,
 * static keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN when set, else the SDK's own
 * credential chain (profiles, SSO, web identity for OIDC). So the sandbox is reached exactly as AWS is.
 * `maxAttempts: 1`: the runner retries on its own clock.
 */
export function sageMakerClients(
  region: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
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
  const base = { maxAttempts: 1, ...(resolvedRegion && { region: resolvedRegion }), ...credentials };
  const endpoint = (service: string) => {
    const url = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    return url ? { endpoint: url } : {};
  };
  return {
    sagemaker: new SageMakerClient({ ...base, ...endpoint('SAGEMAKER') }),
    cloudwatch: new CloudWatchClient({ ...base, ...endpoint('CLOUDWATCH') }),
  };
}
