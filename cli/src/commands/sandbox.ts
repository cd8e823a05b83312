import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatDiagnosticsText,
  type NotUtf8,
  parseRollout,
  type Rollout,
  visibleControls,
} from '@shiftwise/core';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { readReason, readRolloutFile } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { argumentError } from '../options.js';
import { shellWord } from '../shell-word.js';

const help = `Usage: shiftwise sandbox [--port N] [--speed X] [--region R] [--seed FILE...]

Serves SageMaker and CloudWatch (AWS JSON at POST /; CloudWatch also in the query protocol of older
boto3 and aws-cli), Vertex AI (REST under /v1/ and /v1beta1/) and Cloud Monitoring (under /v3/) on
127.0.0.1, so the AWS SDKs and CLIs, Google clients and 'shiftwise deploy' run against it unchanged.
Prints the environment to export (with --speed X, SHIFTWISE_CLOCK_SPEED=X for shiftwise deploy's clock);
runs until Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port N        port to listen on (default 4580; 0 picks a free one)
  --speed X       simulated seconds per real second (default 1; 60 makes a 10-minute bake last 10 s)
  --region R      region in ARNs, AWS_REGION and AWS_DEFAULT_REGION (default us-east-1)
  --seed FILE     a rollout file whose endpoint, configs, model and alarms to create (repeatable)
  -h, --help      this help

Control API (seeding, alarms, faults, transitions): POST <url>/_sandbox/<method>; see docs/sandbox.md.

Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 a --seed file has errors, 2 usage or an unreadable --seed file,
4 cannot listen on the port (in use: pick another, or --port 0 for a free one).
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
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    io.stderr.write(
      `shiftwise sandbox: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}` +
        `${inUse ? `; another process has the port: pick another, or --port 0 for a free one` : ''}\n`,
    );
    return Exit.failed;
  }
  for (const rollout of rollouts)
    io.stdout.write(`seeded ${seedRollout(running.control, rollout).summary}\n`);
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
    return usage(io, argumentError(error, sandboxOptions));
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

const sandboxOptions = {
  port: { type: 'string' },
  speed: { type: 'string' },
  region: { type: 'string' },
  seed: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  return parseArgs({ args, options: sandboxOptions, allowPositionals: false });
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`shiftwise sandbox: ${message}\n\n${help}`);
  return Exit.usage;
}

async function readSeeds(files: string[], io: CliIo): Promise<Rollout[] | number> {
  const rollouts: Rollout[] = [];
  for (const file of files) {
    let text: string;
    let notUtf8: NotUtf8 | undefined;
    let fileSize: number | undefined;
    try {
      ({ text, notUtf8, fileSize } = readRolloutFile(isAbsolute(file) ? file : join(io.cwd, file)));
    } catch (error) {
      return usage(io, `cannot read --seed ${visibleControls(file)}: ${readReason(error)}`);
    }
    const { value, diagnostics } = parseRollout(text, { fileName: file, notUtf8, fileSize });
    if (!value) {
      // Its findings, as `shiftwise validate` prints them: the fix is in the file, not the command line.
      io.stderr.write(formatDiagnosticsText(diagnostics, { file, text, color: false }));
      io.stderr.write(
        `shiftwise sandbox: --seed ${visibleControls(file)} has errors, so nothing was started; fix them (shiftwise validate ${shellWord(file)})\n`,
      );
      return Exit.invalid;
    }
    rollouts.push(value);
  }
  return rollouts;
}

/**
 * What to export in another shell, and how. With --speed X it holds SHIFTWISE_CLOCK_SPEED=X too, so a
 * `shiftwise deploy` run with the exports watches on the sandbox's time (polls, countdowns and its report).
 */
function banner(running: Sandbox, speed: number): string {
  const env = speed === 1 ? running.env : { ...running.env, SHIFTWISE_CLOCK_SPEED: String(speed) };
  const exports = Object.entries(env)
    .map(([key, value]) => `export ${key}=${value}`)
    .join('\n');
  return `Shiftwise sandbox on ${running.url} (SageMaker, CloudWatch, Vertex AI; ${speed}× time)
Control API: ${running.url}/_sandbox/<method> (docs/sandbox.md)

${exports}
# boto3 reads AWS_DEFAULT_REGION; the JavaScript SDK AWS_REGION. Clients that read no AWS_ENDPOINT_URL*
# (aws-cli before 2.13, boto3 before 1.28) need the endpoint given, e.g.:
#   aws --endpoint-url ${running.url} cloudwatch set-alarm-state --alarm-name NAME --state-value ALARM --state-reason test
#   boto3.client('sagemaker', endpoint_url='${running.url}')

Press Ctrl+C to stop.
`;
}
