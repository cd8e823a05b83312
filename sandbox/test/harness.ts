import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type DescribeEndpointCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type Sandbox, type SandboxOptions, startSandbox } from '@shiftwise/sandbox';

/** A sandbox on a virtual clock with real SDK clients pointed at it through their `endpoint`. */
export interface Harness {
  sandbox: Sandbox;
  sageMaker: SageMakerClient;
  cloudWatch: CloudWatchClient;
  /** Moves the virtual clock by `seconds`. */
  advance(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export async function harness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ clock: 'virtual', ...options });
  const config = {
    endpoint: sandbox.url,
    region: sandbox.env.AWS_REGION!,
    credentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY!,
    },
    maxAttempts: 3,
  };
  const sageMaker = new SageMakerClient(config);
  const cloudWatch = new CloudWatchClient(config);
  return {
    sandbox,
    sageMaker,
    cloudWatch,
    advance: (seconds) => sandbox.clock.advance(seconds * 1000),
    async stop() {
      sageMaker.destroy();
      cloudWatch.destroy();
      await sandbox.stop();
    },
  };
}

/** One observation of DescribeEndpoint, reduced to what the tables compare. */
export interface Seen {
  status: string | undefined;
  config: string | undefined;
  variantStatus?: string;
  green?: number;
  blue?: number;
}

export function seen(d: DescribeEndpointCommandOutput): Seen {
  const pending = d.PendingDeploymentSummary?.ProductionVariants?.[0];
  const current = d.ProductionVariants?.[0];
  const statusOf = pending?.VariantStatus?.[0]?.Status ?? current?.VariantStatus?.[0]?.Status;
  const out: Seen = { status: d.EndpointStatus, config: d.EndpointConfigName };
  if (statusOf) out.variantStatus = statusOf;
  if (pending) {
    out.green = pending.CurrentInstanceCount ?? 0;
    out.blue = current?.CurrentInstanceCount ?? 0;
  }
  return out;
}
