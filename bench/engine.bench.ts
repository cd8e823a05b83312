// Detection lag and API calls per rollout, on the sandbox: Shiftwise's engine against a fixed 10-second
// DescribeEndpoint poll (both on the virtual clock, deterministic) and the AWS SDK's waitUntilEndpointInService
// (its default policy, 30 s growing to 3600 s with jitter, run in real time against a sandbox at ×SPEED with its
// delays scaled by the same factor; median of 3). Lag = our verdict's time − the sandbox's final transition, in
// simulated seconds. The waiter's verdict is printed too: it says SUCCESS for a rolled-back update.
import { readFileSync } from 'node:fs';
import {
  DescribeEndpointCommand,
  SageMakerClient,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';
import { deploy, providerFor } from '../core/src/engine/index.js';
import {
  modelTargetConfigName,
  type Rollout,
  type SageMakerRollout,
  sageMakerRequest,
  validateRollout,
} from '../core/src/index.js';
import { type Sandbox, seedRollout, startSandbox } from '../sandbox/src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SPEED = 200;

interface Scenario {
  readonly name: string;
  readonly rollout: SageMakerRollout;
  readonly alarmStep?: number;
  /** Provisioning time of the new fleet (the sandbox's default: 120 s; real fleets take minutes). */
  readonly provisionSeconds?: number;
}

const load = (file: string) =>
  validateRollout(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8'))
    .value as SageMakerRollout;
const scenarios: Scenario[] = [
  { name: 'all-at-once', rollout: load('sagemaker-all-at-once.rollout.yaml') },
  { name: 'canary', rollout: load('sagemaker-canary.rollout.yaml') },
  { name: 'linear', rollout: load('sagemaker-linear.rollout.yaml') },
  { name: 'rolling', rollout: load('sagemaker-rolling.rollout.yaml') },
  { name: 'canary, alarm → rollback', rollout: load('sagemaker-canary.rollout.yaml'), alarmStep: 1 },
  {
    name: 'canary, 8-min fleet',
    rollout: load('sagemaker-canary.rollout.yaml'),
    provisionSeconds: 480,
  },
  {
    name: 'linear, 8-min fleet, alarm',
    rollout: load('sagemaker-linear.rollout.yaml'),
    provisionSeconds: 480,
    alarmStep: 2,
  },
];

function prepare(sandbox: Sandbox, s: Scenario): void {
  seedRollout(sandbox.control, s.rollout);
  if (s.provisionSeconds !== undefined) sandbox.control.setTimings({ provisionSeconds: s.provisionSeconds });
  // The baselines send the request as is: the config a `model` target deploys must exist for them.
  if (s.rollout.target.kind === 'model')
    sandbox.control.seedEndpointConfig({
      name: modelTargetConfigName(s.rollout),
      instances: s.rollout.capacity ?? 2,
    });
  if (s.alarmStep !== undefined)
    sandbox.control.scheduleAlarm({
      alarm: s.rollout.rollback.alarms[0]!,
      endpoint: s.rollout.endpoint,
      step: s.alarmStep,
    });
}

const lastAt = (sandbox: Sandbox, s: Scenario) =>
  sandbox.control.lastTransition({ endpoint: s.rollout.endpoint })!.at;
const client = (sandbox: Sandbox) =>
  new SageMakerClient({
    endpoint: sandbox.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });

interface Measure {
  readonly lag: number;
  readonly calls: number;
  readonly verdict: string;
}

async function shiftwise(s: Scenario): Promise<Measure> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    prepare(sandbox, s);
    const report = await deploy(s.rollout as Rollout, providerFor(s.rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
    });
    return {
      lag: (sandbox.clock.now() - lastAt(sandbox, s)) / 1000,
      calls: report.calls,
      verdict: report.outcome,
    };
  } finally {
    await sandbox.stop();
  }
}

async function fixedPoll(s: Scenario, everyMs: number): Promise<Measure> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    prepare(sandbox, s);
    const sm = client(sandbox);
    await sm.send(new UpdateEndpointCommand(sageMakerRequest(s.rollout).input));
    let calls = 1;
    for (;;) {
      await sandbox.clock.advance(everyMs);
      calls++;
      const view = await sm.send(new DescribeEndpointCommand({ EndpointName: s.rollout.endpoint }));
      if (view.EndpointStatus === 'InService' || view.EndpointStatus === 'Failed')
        return {
          lag: (sandbox.clock.now() - lastAt(sandbox, s)) / 1000,
          calls,
          verdict:
            view.EndpointConfigName === s.rollout.endpoint + '-current'
              ? 'rolled-back (seen by config)'
              : 'InService',
        };
    }
  } finally {
    await sandbox.stop();
  }
}

async function waiter(s: Scenario): Promise<Measure> {
  const sandbox = await startSandbox({ speed: SPEED });
  try {
    prepare(sandbox, s);
    const sm = client(sandbox);
    let calls = 0;
    sm.middlewareStack.add(
      (next) => (args) => {
        calls++;
        return next(args);
      },
      { step: 'initialize' },
    );
    await sm.send(new UpdateEndpointCommand(sageMakerRequest(s.rollout).input));
    const result = await waitUntilEndpointInService(
      { client: sm, minDelay: 30 / SPEED, maxDelay: 3600 / SPEED, maxWaitTime: 86400 / SPEED },
      { EndpointName: s.rollout.endpoint },
    );
    return { lag: (sandbox.clock.now() - lastAt(sandbox, s)) / 1000, calls, verdict: result.state };
  } finally {
    await sandbox.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (cells: (string | number)[]) =>
  console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 28 : 16)).join(''));

row([
  'scenario',
  'shiftwise lag',
  'calls',
  '10 s poll lag',
  'calls',
  'SDK waiter lag',
  'calls',
  'waiter says',
]);
const lags: number[] = [];
const ratio: number[] = [];
for (const s of scenarios) {
  const ours = await shiftwise(s);
  const poll = await fixedPoll(s, 10_000);
  const waits = [await waiter(s), await waiter(s), await waiter(s)];
  const w = {
    lag: median(waits.map((m) => m.lag)),
    calls: median(waits.map((m) => m.calls)),
    verdict: waits[0]!.verdict,
  };
  lags.push(ours.lag);
  ratio.push(ours.calls / poll.calls);
  row([
    s.name,
    `${ours.lag.toFixed(1)} s`,
    ours.calls,
    `${poll.lag.toFixed(1)} s`,
    poll.calls,
    `${w.lag.toFixed(0)} s`,
    w.calls,
    `${w.verdict} (ours: ${ours.verdict})`,
  ]);
}
console.log(
  `\nShiftwise median detection lag ${median(lags).toFixed(1)} s of simulated time; calls ${(median(ratio) * 100).toFixed(0)}% of a fixed 10-second poll's (median over scenarios; ours include preflight).`,
);
