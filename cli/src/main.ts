import { demo } from './commands/demo.js';
import { deploy } from './commands/deploy.js';
import { plan } from './commands/plan.js';
import { sandbox } from './commands/sandbox.js';
import { validate } from './commands/validate.js';
import { type CliIo, type Command, Exit } from './io.js';

const commands: Record<string, { run: Command; summary: string }> = {
  validate: { run: validate, summary: 'check rollout files against every rule' },
  plan: { run: plan, summary: 'show the step schedule and the exact provider request' },
  deploy: { run: deploy, summary: 'run a rollout, watch it, and report the true outcome' },
  sandbox: { run: sandbox, summary: 'serve SageMaker, CloudWatch and Vertex AI on loopback' },
  demo: {
    run: demo,
    summary:
      'three rollouts against an in-process sandbox: a canary, a rolled-back linear, an inference component',
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
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(
      `shiftwise: unknown command '${name}'; expected one of ${Object.keys(commands).join(', ')}\n\n${usage}`,
    );
    return Exit.usage;
  }
  return command.run(rest, io);
}

function processIo(): CliIo {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
