import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnosticsText, parseDuration, type Rollout, validateRollout } from '@shiftwise/core';
import { type Clock, type DeployReport, providerFor, deploy as runDeploy } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { readReason } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { reportLine } from '../progress/lines.js';
import { reporter } from '../progress/reporter.js';

const help = `Usage: shiftwise deploy FILE [--capacity N] [--watch-timeout DURATION] [--sandbox [--speed X]] [--format text|json]

Runs the rollout in FILE, watches it, and reports the true outcome: a rollback is never reported as success.
Credentials and endpoints come from the standard chains (AWS_REGION, AWS_ENDPOINT_URL, AWS profiles or OIDC;
SHIFTWISE_VERTEX_TOKEN for Vertex AI), so the exports that shiftwise sandbox prints point it at the sandbox.

Options:
  --capacity N               instances in the new fleet when the provider cannot say
  --watch-timeout DURATION   how long to watch (default: the file's timeout + 30 min; Vertex AI: the timeout,
                             after which Shiftwise reverts)
  --sandbox                  a dry run: deploy against an in-process sandbox seeded from FILE
  --speed X                  with --sandbox, simulated seconds per real second (default 60)
  --format text|json         the closing report as text (default) or JSON
  -h, --help                 this help

Exit codes: 0 succeeded (or nothing to do), 1 invalid rollout file, 2 usage, 3 rolled back, 4 failed or timed out.
`;

interface Options {
  readonly file: string;
  readonly capacity?: number;
  readonly watchTimeoutSeconds?: number;
  readonly sandbox: boolean;
  readonly speed: number;
  readonly format: 'text' | 'json';
}

/** `shiftwise deploy`: validates the file, runs the engine against the environment's cloud, prints the outcome. */
export async function deploy(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  const rollout = await readRollout(options, io);
  if (typeof rollout === 'number') return rollout;
  if (!options.sandbox)
    return run(rollout, options, io, process.env === io.env ? io.env : { ...process.env, ...io.env });
  const sandbox = await startSandbox({ speed: options.speed });
  try {
    io.stdout.write(
      `sandbox: ${seedRollout(sandbox.control, rollout).summary} at ${sandbox.url} (×${options.speed})\n`,
    );
    return await run(rollout, options, io, sandbox.env, sandbox.clock);
  } finally {
    await sandbox.stop();
  }
}

async function run(
  rollout: Rollout,
  options: Options,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  clock?: Clock,
): Promise<number> {
  const started = Date.now();
  let report: DeployReport;
  try {
    report = await runDeploy(rollout, providerFor(rollout, { env }), {
      ...(clock && { clock }),
      signal: io.signal,
      onEvent: reporter(io, () => clock?.now() ?? Date.now()),
      ...(options.capacity !== undefined && { capacity: options.capacity }),
      ...(options.watchTimeoutSeconds !== undefined && { watchTimeoutSeconds: options.watchTimeoutSeconds }),
    });
  } catch (error) {
    if (!io.signal.aborted) throw error;
    io.stderr.write(
      `\nshiftwise deploy: interrupted; an update already started keeps running at the provider. Run the same command again to watch it to its end.\n`,
    );
    return Exit.failed;
  }
  if (io.signal.aborted) {
    io.stderr.write('\nshiftwise deploy: interrupted; the outcome above may only say so.\n');
    return Exit.failed;
  }
  if (options.format === 'json')
    io.stdout.write(`${JSON.stringify(reportJson(report, Date.now() - started), null, 2)}\n`);
  else io.stdout.write(`${reportLine(report)}\n`);
  return exitFor(report);
}

/** DESIGN.md §8: 0 succeeded, 3 rolled back, 4 failed or timed out. */
export function exitFor(report: DeployReport): number {
  return report.outcome === 'succeeded'
    ? Exit.ok
    : report.outcome === 'rolled-back'
      ? Exit.rolledBack
      : Exit.failed;
}

function reportJson(report: DeployReport, realMs: number) {
  const { plan, ...rest } = report;
  return {
    ...rest,
    realSeconds: Math.round(realMs / 100) / 10,
    ...(plan && { plan: { name: plan.name, steps: plan.steps.length, totalSeconds: plan.totalSeconds } }),
  };
}

async function readRollout(options: Options, io: CliIo): Promise<Rollout | number> {
  let text: string;
  try {
    text = await readFile(isAbsolute(options.file) ? options.file : join(io.cwd, options.file), 'utf8');
  } catch (error) {
    io.stderr.write(`shiftwise deploy: cannot read ${options.file}: ${readReason(error)}\n`);
    return Exit.usage;
  }
  const capacity = options.capacity !== undefined ? { capacity: options.capacity } : {};
  const { value, diagnostics } = validateRollout(text, { fileName: options.file, ...capacity });
  if (diagnostics.length > 0)
    io.stderr.write(formatDiagnosticsText(diagnostics, { file: options.file, text, color: false }));
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`shiftwise deploy: ${options.file} has errors; nothing was deployed\n`);
    return Exit.invalid;
  }
  return { ...value, file: options.file };
}

function readOptions(args: string[], io: CliIo): Options | number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return usage(io, readReason(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(help);
    return Exit.ok;
  }
  if (positionals.length !== 1) return usage(io, `give exactly one rollout file (got ${positionals.length})`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    return usage(io, `--format must be text or json, not '${format}'`);
  const options: { -readonly [K in keyof Options]: Options[K] } = {
    file: positionals[0]!,
    sandbox: values.sandbox ?? false,
    speed: 60,
    format,
  };
  if (values.capacity !== undefined) {
    const capacity = Number(values.capacity);
    if (!/^\d+$/.test(values.capacity) || capacity < 1)
      return usage(
        io,
        `--capacity must be a whole number of instances, at least 1, not '${values.capacity}'`,
      );
    options.capacity = capacity;
  }
  if (values['watch-timeout'] !== undefined) {
    const raw = values['watch-timeout'];
    const parsedDuration = parseDuration(/^\d+$/.test(raw) ? Number(raw) : raw);
    if (!parsedDuration.ok) return usage(io, `--watch-timeout: ${parsedDuration.message}`);
    options.watchTimeoutSeconds = parsedDuration.seconds;
  }
  if (values.speed !== undefined) {
    const speed = Number(values.speed);
    if (!values.sandbox) return usage(io, '--speed only applies with --sandbox');
    if (!Number.isFinite(speed) || speed <= 0)
      return usage(io, `--speed must be a positive number, not '${values.speed}'`);
    options.speed = speed;
  }
  return options;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      capacity: { type: 'string' },
      'watch-timeout': { type: 'string' },
      sandbox: { type: 'boolean' },
      speed: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`shiftwise deploy: ${message}\n\n${help}`);
  return Exit.usage;
}
