import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realClock, type SandboxClock, virtualClock } from './clock.js';
import { recordChange } from './cloudwatch/alarms.js';
import { type CloudWatchContext, createCloudWatchState } from './cloudwatch/operations.js';
import { alarmProbe, createControl, type SandboxControl } from './control.js';
import { ServiceError } from './errors.js';
import { faultQueue } from './faults.js';
import { sendAwsError } from './http/aws.js';
import { awsHandler } from './http/aws-handler.js';
import { serveControl } from './http/control-routes.js';
import { monitoringHandler } from './http/monitoring-handler.js';
import { vertexHandler } from './http/vertex-handler.js';
import { DEFAULT_METRIC_DELAYS, type MetricDelays } from './metric-delays.js';
import { createMonitoring } from './monitoring/service.js';
import type { SageMakerContext } from './sagemaker/operations.js';
import { publishedPoints } from './sagemaker/published-metrics.js';
import { createSageMakerState } from './sagemaker/state.js';
import { createVertex } from './vertex/service.js';

export interface SandboxOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Real clock only: simulated seconds per real second. Default 1. */
  speed?: number;
  /**
   * Default 'real'. A virtual clock moves only through `clock.advance` (tests); a clock of your own is used
   * as given (tests of how the sandbox reads time).
   */
  clock?: 'real' | 'virtual' | SandboxClock;
  /** Virtual clock only: the simulated start instant (epoch ms). Default 2026-01-01T09:00Z. */
  startAt?: number;
  /** Region in ARNs and `env`. Default us-east-1. */
  region?: string;
  /**
   * Seconds after a period ends before its metric value shows, by provider (`setMetricDelay`). Default
   * `DEFAULT_METRIC_DELAYS`: SageMaker 60, Vertex AI 120.
   */
  metricDelays?: Partial<MetricDelays>;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** What to export so SDKs and Shiftwise reach the sandbox as a cloud (fake credentials). */
  env: Record<string, string>;
  clock: SandboxClock;
  control: SandboxControl;
  stop(): Promise<void>;
}

/**
 * Starts SageMaker, CloudWatch and Vertex AI emulators on one loopback HTTP server:
 * AWS JSON at `POST /` (by X-Amz-Target), Vertex AI REST under `/v1/` and `/v1beta1/`, Cloud Monitoring v3 under
 * `/v3/`, control under `/_sandbox/`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const clock =
    typeof options.clock === 'object'
      ? options.clock
      : options.clock === 'virtual'
        ? virtualClock(options.startAt)
        : realClock(options.speed ?? 1);
  const sageMaker = createSageMakerState(region);
  const cloudWatch = createCloudWatchState(region);
  const faults = faultQueue();
  const vertex = createVertex(clock);
  const delays: MetricDelays = { ...DEFAULT_METRIC_DELAYS, ...options.metricDelays };
  const control = createControl({ clock, sageMaker, cloudWatch, faults, vertex: vertex.control, delays });
  const probe = alarmProbe(cloudWatch);
  const smContext: SageMakerContext = {
    state: sageMaker,
    now: clock.now,
    alarms: probe,
    alarmExists: (name) => cloudWatch.alarms.has(name),
    scheduleAlarm: (name, at, state, reason) => {
      const alarm = cloudWatch.alarms.get(name);
      if (alarm) recordChange(alarm, { at, state, reason });
    },
  };
  const cwContext: CloudWatchContext = {
    state: cloudWatch,
    now: clock.now,
    // SageMaker's invocation metrics, computed from the endpoints' traffic when GetMetricData reads them, each
    // minute shown once the publication delay has passed since it ended.
    published: (metric, range) =>
      publishedPoints(sageMaker, probe, metric, range, clock.now(), delays.sagemaker * 1000),
  };
  const handleAws = awsHandler({ faults, sageMaker: smContext, cloudWatch: cwContext });
  const handleVertex = vertexHandler({ faults, vertex });
  const handleMonitoring = monitoringHandler({
    faults,
    monitoring: createMonitoring(() => delays['vertex-ai'] * 1000),
    clock,
  });

  const server = createServer((req, res) => {
    // Every answer carries the simulated time in `Date`, as a cloud's carries its own: a client that reads it
    // (the AWS SDK's clock-skew correction, the engine's countdowns) agrees with the sandbox at any speed.
    res.setHeader('Date', new Date(clock.now()).toUTCString());
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname.startsWith('/_sandbox/')) {
      void serveControl(req, res, url, control as unknown as Record<string, unknown>);
    } else if (url.pathname.startsWith('/v1beta1/') || url.pathname.startsWith('/v1/')) {
      void handleVertex(req, res, url);
    } else if (url.pathname.startsWith('/v3/')) {
      void handleMonitoring(req, res, url);
    } else if (req.method === 'POST' && url.pathname === '/') {
      void handleAws(req, res);
    } else {
      req.resume();
      sendAwsError(
        res,
        undefined,
        new ServiceError(
          404,
          'UnknownOperationException',
          `No route for ${req.method} ${url.pathname}: AWS JSON is POST / with X-Amz-Target, Vertex AI is under /v1/ and /v1beta1/, Cloud Monitoring under /v3/, control under /_sandbox/.`,
        ),
      );
    }
  });
  server.keepAliveTimeout = 5000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    env: sandboxEnv(url, region),
    clock,
    control,
    stop: () => close(server),
  };
}

/**
 * The environment that points the AWS SDKs and CLIs, Google clients and Shiftwise at a sandbox. The JavaScript SDK
 * reads `AWS_REGION` and `AWS_ENDPOINT_URL`; boto3/botocore read only `AWS_DEFAULT_REGION`, and from botocore 1.31
 * (aws-cli 2.13) the endpoint variables, general and per service. Older clients (Debian's boto3 1.26, aws-cli 2.9)
 * read no endpoint variable: they need `--endpoint-url` or `endpoint_url=` (`shiftwise sandbox` prints the hint).
 */
export function sandboxEnv(url: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_SAGEMAKER: url,
    AWS_ENDPOINT_URL_CLOUDWATCH: url,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIASANDBOXSANDBOX00',
    AWS_SECRET_ACCESS_KEY: 'sandbox-secret-access-key-not-checked',
    SHIFTWISE_VERTEX_ENDPOINT: url,
    SHIFTWISE_VERTEX_TOKEN: 'sandbox-token',
    SHIFTWISE_MONITORING_ENDPOINT: url,
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
