import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRollout, type Rollout } from '@shiftwise/core';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';
import { type CliIo, Exit } from '../io.js';

const help = `Usage: shiftwise sandbox [--port N] [--speed X] [--seed FILE...]

Serves SageMaker and CloudWatch (AWS JSON at POST /) and Vertex AI (REST under /v1beta1/) on
127.0.0.1, so the AWS SDKs, Google clients and 'shiftwise deploy' run against it unchanged.
Prints the environment to export; runs until Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port N        port to listen on (default 4580; 0 picks a free one)
  --speed X       simulated seconds per real second (default 1; 60 makes a 10-minute bake last 10 s)
  --region R      region in ARNs and AWS_REGION (default us-east-1)
  --seed FILE     a rollout file whose endpoint, configs, model and alarms to create (repeatable)
  -h, --help      this help

Control API (seeding, alarms, faults, transitions): POST <url>/_sandbox/<method>; see docs/sandbox.md.
`;

/** `shiftwise sandbox`: starts the emulators, prints how to reach them, and waits for a stop signal. */
export async function sandbox(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  const rollouts = await readSeeds(options.seeds, io);
  if (typeof rollouts === 'number') return rollouts;
  let running: Sandbox;
  try {
    running = await startSandbox({ port: options.port, speed: options.speed, region: options.region });
  } catch (error) {
    io.stderr.write(
      `shiftwise sandbox: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}\n`,
    );
    return Exit.failed;
  }
  for (const rollout of rollouts) seed(running, rollout, io);
  io.stdout.write(banner(running, options.speed));
  if (!io.signal.aborted)
    await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
  await running.stop();
  io.stdout.write('shiftwise sandbox: stopped\n');
  return Exit.ok;
}

interface Options {
  port: number;
  speed: number;
  region: string;
  seeds: string[];
}

function readOptions(args: string[], io: CliIo): Options | number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`shiftwise sandbox: ${(error as Error).message}\n\n${help}`);
    return Exit.usage;
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(help);
    return Exit.ok;
  }
  const port = Number(values.port ?? 4580);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage(io, `--port must be a whole number 0–65535, not '${values.port}'`);
  const speed = Number(values.speed ?? 1);
  if (!Number.isFinite(speed) || speed <= 0)
    return usage(io, `--speed must be a number above 0, not '${values.speed}'`);
  return { port, speed, region: values.region ?? 'us-east-1', seeds: values.seed ?? [] };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      port: { type: 'string' },
      speed: { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`shiftwise sandbox: ${message}\n\n${help}`);
  return Exit.usage;
}

async function readSeeds(files: string[], io: CliIo): Promise<Rollout[] | number> {
  const rollouts: Rollout[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(isAbsolute(file) ? file : join(io.cwd, file), 'utf8');
    } catch (error) {
      return usage(io, `cannot read --seed ${file}: ${(error as Error).message}`);
    }
    const { value } = parseRollout(text, { fileName: file });
    if (!value)
      return usage(io, `--seed ${file} is not a valid rollout file; run 'shiftwise validate ${file}'`);
    rollouts.push(value);
  }
  return rollouts;
}

/**
 * Creates what a rollout file deploys against: a SageMaker endpoint InService on `<endpoint>-current`
 * with the file's capacity (default 2), the target config or model, and its alarms (OK); or a Vertex
 * AI endpoint serving version 1 of the file's model.
 */
function seed(running: Sandbox, rollout: Rollout, io: CliIo): void {
  const control = running.control;
  const capacity = rollout.capacity ?? 2;
  if (rollout.provider === 'vertex-ai') {
    const base = rollout.model.split('@')[0]!;
    control.vertex.seedModel({ name: base });
    const previous = rollout.previousDeployedModel ?? '1';
    control.vertex.seedEndpoint({
      project: rollout.project,
      location: rollout.location,
      id: rollout.endpoint,
      deployedModels: [{ id: previous, model: `${base}@1`, replicas: capacity }],
    });
    io.stdout.write(
      `seeded Vertex AI endpoint ${rollout.endpoint} (DeployedModel ${previous}, ${capacity} replicas)\n`,
    );
    return;
  }
  const current = `${rollout.endpoint}-current`;
  control.seedEndpoint({
    name: rollout.endpoint,
    config: current,
    instances: capacity,
    ...(rollout.strategy.type === 'retain' ? { deploymentConfig: retainedConfig() } : {}),
  });
  if (rollout.target.kind === 'endpointConfig')
    control.seedEndpointConfig({ name: rollout.target.name, instances: capacity });
  else control.seedModel({ name: rollout.target.name });
  for (const alarm of rollout.rollback.alarms) control.seedAlarm({ name: alarm });
  io.stdout.write(
    `seeded SageMaker endpoint ${rollout.endpoint} on ${current} (${capacity} instances), ${rollout.target.kind} ${rollout.target.name}` +
      `${rollout.rollback.alarms.length ? `, alarms ${rollout.rollback.alarms.join(', ')}` : ''}\n`,
  );
}

/** The deployment config a `retain` rollout finds stored on its endpoint: a canary of one instance. */
function retainedConfig() {
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: {
        Type: 'CANARY',
        CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
        WaitIntervalInSeconds: 300,
      },
      TerminationWaitInSeconds: 300,
      MaximumExecutionTimeoutInSeconds: 3600,
    },
  };
}

function banner(running: Sandbox, speed: number): string {
  const exports = Object.entries(running.env)
    .map(([key, value]) => `export ${key}=${value}`)
    .join('\n');
  return `Shiftwise sandbox on ${running.url} (SageMaker, CloudWatch, Vertex AI; ${speed}× time)
Control API: ${running.url}/_sandbox/<method> (docs/sandbox.md)

${exports}

Press Ctrl+C to stop.
`;
}
