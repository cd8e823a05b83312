import { parseArgs } from 'node:util';
import { plan, type Rollout, renderPlanText, validateRollout } from '@shiftwise/core';
import { deploy, providerFor } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { exampleTexts } from '../examples.js';
import { type CliIo, Exit } from '../io.js';
import { argumentError } from '../options.js';
import { analysisLines, reportLine } from '../progress/lines.js';
import { reporter } from '../progress/reporter.js';
import { quietSdkNodeVersionNotice } from '../sdk-notice.js';

const help = `Usage: shiftwise demo [--speed X]

Starts a sandbox in this process (SageMaker, CloudWatch and Vertex AI on 127.0.0.1), then runs four rollouts
through the real AWS SDK clients: a canary that succeeds; a linear rollout whose alarm fires during the
second step's bake, which SageMaker rolls back and Shiftwise reports as rolled back (not as success); an
inference component whose copies move to a new model in batches, which succeeds; and steps Shiftwise runs
itself (5%, 25%, a manual gate, 50%, 100%, with metric analysis of the invocation metrics the sandbox
publishes), paused at the gate and then promoted.
Exits 0 when all four end as expected.

Options:
  --speed X    watch it live, X simulated seconds per real second (600: the 45 simulated minutes take about
               5 s). Default: a virtual clock, so it runs at once and gives the same result every time, however
               busy the machine (at a real clock's speed, a stall of the machine is minutes of simulated time)
  -h, --help   this help
`;

/** The text of examples/<name>, the same file the README shows. */
function example(name: string): string {
  return exampleTexts()[name]!;
}

interface Scene {
  readonly title: string;
  /** A file of examples/. */
  readonly file: string;
  readonly expected: 'succeeded' | 'rolled-back';
  readonly trouble?: (rollout: Rollout) => { alarm: string; step: number };
  /** Steps Shiftwise runs: the deploy stops paused at the gate, then a promote (as a second process would) ends it. */
  readonly promote?: true;
}

const scenes: Scene[] = [
  { title: 'A canary that goes well', file: 'sagemaker-canary.rollout.yaml', expected: 'succeeded' },
  {
    title: 'A linear rollout whose alarm fires in step 2',
    file: 'sagemaker-linear.rollout.yaml',
    expected: 'rolled-back',
    trouble: () => ({ alarm: 'recommender-5xx', step: 2 }),
  },
  {
    title: 'An inference component rolled to a new model in batches of copies',
    file: 'sagemaker-inference-component.rollout.yaml',
    expected: 'succeeded',
  },
  {
    title: 'Steps Shiftwise runs itself: paused at the gate, then promoted',
    file: 'sagemaker-steps.rollout.yaml',
    expected: 'succeeded',
    promote: true,
  },
];

/** What a step-bound alarm is tied to: the inference component being updated, else the endpoint. */
const updated = (rollout: Rollout) =>
  rollout.provider === 'sagemaker' && rollout.target.kind === 'inferenceComponent'
    ? rollout.target.name
    : rollout.endpoint;

const demoOptions = { speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** `shiftwise demo`: four real rollouts against an in-process sandbox; exit 0 when all end as they should. */
export async function demo(args: string[], io: CliIo): Promise<number> {
  let speed: number | undefined;
  try {
    const { values } = parseArgs({ args, options: demoOptions });
    if (values.help) {
      io.stdout.write(help);
      return Exit.ok;
    }
    if (values.speed !== undefined) {
      speed = Number(values.speed);
      if (!Number.isFinite(speed) || speed <= 0)
        throw new Error(`--speed must be a positive number, not '${values.speed}'`);
    }
  } catch (error) {
    io.stderr.write(`shiftwise demo: ${argumentError(error, demoOptions)}\n\n${help}`);
    return Exit.usage;
  }
  quietSdkNodeVersionNotice();
  const sandbox = await startSandbox(speed === undefined ? { clock: 'virtual' } : { speed });
  const time = speed === undefined ? 'on a virtual clock (times below are simulated)' : `time ×${speed}`;
  io.stdout.write(`Sandbox on ${sandbox.url}: SageMaker, CloudWatch and Vertex AI, ${time}\n`);
  let asExpected = 0;
  try {
    for (const [i, scene] of scenes.entries()) {
      const rollout = validateRollout(example(scene.file), { fileName: scene.file }).value!;
      io.stdout.write(`\n━━ ${i + 1}/${scenes.length} ${scene.title} ━━\n${renderPlanText(plan(rollout))}`);
      io.stdout.write(`seeded: ${seedRollout(sandbox.control, rollout).summary}\n`);
      const trouble = scene.trouble?.(rollout);
      if (trouble) {
        sandbox.control.scheduleAlarm({
          alarm: trouble.alarm,
          endpoint: updated(rollout),
          step: trouble.step,
        });
        io.stdout.write(
          `trouble: alarm ${trouble.alarm} will go to ALARM during step ${trouble.step}'s bake\n`,
        );
      }
      const run = (mode: 'deploy' | 'promote') =>
        deploy(rollout, providerFor(rollout, { env: sandbox.env, mode }), {
          clock: sandbox.clock,
          signal: io.signal,
          onEvent: reporter(io, () => sandbox.clock.now(), { heartbeat: false }),
        });
      let report = await run('deploy');
      io.stdout.write(`${reportLine(report)}\n`);
      if (scene.promote && report.outcome === 'paused') {
        for (const line of analysisLines(report)) io.stdout.write(`${line}\n`);
        io.stdout.write('$ shiftwise promote (a reviewer approved the next stretch)\n');
        report = await run('promote');
        io.stdout.write(`${reportLine(report)}\n`);
        for (const line of analysisLines(report)) io.stdout.write(`${line}\n`);
      }
      const ok = report.outcome === scene.expected;
      if (ok) asExpected++;
      io.stdout.write(
        ok ? `as expected: ${scene.expected}\n` : `NOT as expected: wanted ${scene.expected}\n`,
      );
    }
  } finally {
    await sandbox.stop();
  }
  io.stdout.write(`\n${asExpected}/${scenes.length} rollouts ended as expected.\n`);
  return asExpected === scenes.length ? Exit.ok : Exit.failed;
}
