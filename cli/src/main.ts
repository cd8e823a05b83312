import { type CliIo, type Command, Exit } from './io.js';

/**
 * The command registry. Each command is loaded when it is run, so `validate` never loads what only `deploy`
 * needs (the engine, the AWS SDK, the sandbox): the build makes a bundle per module of ./commands/ with only that
 * module inside (cli/src/launch/bundles.json; ARCHITECTURE.md, "Invariants"). A new command is one row: its name, a
 * loader and a one-line summary (and, for a new module, a line of bundles.json).
 */
const commands: Record<
  string,
  { load: () => Promise<Command>; summary: string; warm?: () => Promise<() => void> }
> = {
  validate: {
    load: async () => (await import('./commands/validate.js')).validate,
    summary: 'check rollout files against every rule',
    warm: async () => (await import('./commands/validate.js')).warmUp,
  },
  plan: {
    load: async () => (await import('./commands/plan.js')).plan,
    summary: 'show the step schedule and the exact provider request',
    warm: async () => (await import('./commands/plan.js')).warmUp,
  },
  deploy: {
    load: async () => (await import('./commands/deploy.js')).deploy,
    summary: 'run a rollout, watch it, and report the true outcome',
  },
  status: {
    load: async () => (await import('./commands/status.js')).status,
    summary: 'where a rollout Shiftwise runs (type: steps) stands, beside its planned steps',
  },
  promote: {
    load: async () => (await import('./commands/deploy.js')).promote,
    summary: 'pass the manual gate a steps rollout waits at and run it on',
  },
  abort: {
    load: async () => (await import('./commands/deploy.js')).abort,
    summary: 'roll a steps rollout back from wherever it stands',
  },
  sandbox: {
    load: async () => (await import('./commands/sandbox.js')).sandbox,
    summary: 'serve SageMaker, CloudWatch and Vertex AI on loopback',
  },
  demo: {
    load: async () => (await import('./commands/demo.js')).demo,
    summary:
      'four rollouts against an in-process sandbox: a canary, a rolled-back linear, an inference component, steps with a gate',
  },
};

export const usage = `Usage: shiftwise <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run 'shiftwise <command> --help' for a command's options.
`;

/** Runs one command line; returns the exit code (README.md, "The CLI"). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage);
    return name === undefined ? Exit.usage : Exit.ok;
  }
  if (name === '--version') {
    io.stdout.write('shiftwise 0.1.0\n');
    return Exit.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr.write(
      `shiftwise: unknown command '${name}'; expected one of ${Object.keys(commands).join(', ')}\n\n${usage}`,
    );
    return Exit.usage;
  }
  const run = await command.load();
  return run(rest, io);
}

/**
 * Runs the work of `command` on the example rollouts, writing nothing, where the command has a warm-up (`validate`,
 * `plan`): the launcher calls it before it writes the code cache of the command's bundle (cli/src/launch/).
 */
export async function warmUp(command: string | undefined): Promise<void> {
  const warm =
    command !== undefined && Object.hasOwn(commands, command) ? commands[command]?.warm : undefined;
  if (warm) (await warm())();
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * `stream`, which no longer throws when its reader goes away (`shiftwise validate | head`, a closed terminal):
 * Node reports a closed pipe as an 'error' event, which unhandled ends the process with a stack trace, mid-rollout
 * for `deploy`. The output is dropped and the command runs on to its own end and exit code.
 */
function quietWhenClosed<S extends NodeJS.WritableStream>(stream: S): S {
  if (guarded.has(stream)) return stream;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
  return stream;
}

/**
 * The process's own io. Its `signal` listens for SIGINT and SIGTERM only once a command reads it (deploy, demo,
 * sandbox: they stop cleanly and say where things stand); until then the signals keep Node's default and end the
 * process at once, so Ctrl+C stops `validate` or `plan` of many files instead of being swallowed by a listener no one
 * reads while they run to the end and exit 0.
 */
export function processIo(): CliIo {
  let signal: AbortSignal | undefined;
  return {
    // Read when first written: making a stdio stream loads Node's stream machinery (and, for a pipe, its
    // sockets), about 3 ms of a 25 ms bare Node 24 start, which a run that writes nothing to stderr never needs.
    get stdout() {
      return quietWhenClosed(process.stdout);
    },
    get stderr() {
      return quietWhenClosed(process.stderr);
    },
    // Read only for a `-` argument: a command that reads files never makes the stream.
    get stdin() {
      return process.stdin;
    },
    get signal() {
      signal ??= interruptSignal();
      return signal;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Aborted on the first SIGINT or SIGTERM; a second one gets Node's default (the process ends). */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
