import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { Phase } from '@shiftwise/core/engine';
import type { CliIo } from '../src/io.js';
import { main, processIo } from '../src/main.js';
import { type Interrupt, interruptWords } from '../src/progress/interrupt-words.js';
import { root } from './support/run.js';

// Ctrl+C (SIGINT) and SIGTERM. The commands that can stop cleanly (deploy, demo, sandbox) read `io.signal`;
// the process io listens for the signals only then, so Ctrl+C ends `validate` or `plan` of many files at once
// instead of being swallowed while they run on to exit 0.

test('the process io listens for SIGINT and SIGTERM only once a command reads its signal', () => {
  const before = process.listeners('SIGINT');
  const io = processIo();
  assert.deepEqual(process.listeners('SIGINT'), before);
  const signal = io.signal;
  const added = process.listeners('SIGINT').filter((l) => !before.includes(l));
  assert.equal(added.length, 1);
  (added[0] as () => void)();
  assert.ok(signal.aborted);
  assert.equal(io.signal, signal, 'read twice, one signal');
  for (const name of ['SIGINT', 'SIGTERM'] as const)
    for (const listener of process.listeners(name))
      if (!before.includes(listener)) process.removeListener(name, listener);
});

const readers: [command: string, args: string[], reads: boolean][] = [
  ['validate', ['validate', 'examples'], false],
  ['plan', ['plan', 'examples/sagemaker-canary.rollout.yaml', 'examples/vertex-steps.rollout.yaml'], false],
  ['plan --format json', ['plan', 'examples', '--format', 'json'], false],
  ['deploy --help', ['deploy', '--help'], false],
  ['sandbox', ['sandbox', '--port', '0'], true],
];
for (const [command, args, reads] of readers)
  test(`${command} ${reads ? 'reads' : 'never reads'} the interrupt signal`, async () => {
    let read = false;
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const controller = new AbortController();
    controller.abort();
    const io: CliIo = {
      stdout: sink,
      stderr: sink,
      env: {},
      cwd: root,
      get signal() {
        read = true;
        return controller.signal;
      },
    };
    const code = await main(args, io);
    assert.equal(code, 0);
    assert.equal(read, reads);
  });

// What an interrupted deploy, promote or abort says, as data: where the rollout stands and the way on, every path
// one shell word.
const progress = (phase: Phase, step: number): NonNullable<Interrupt['last']> => ({
  event: {
    type: 'progress',
    observation: { kind: 'progress', phase, trafficPercent: phase === 'rolling-back' ? 0 : 25 },
    step,
    steps: 2,
    stepNoun: 'step',
    elapsedSeconds: 930,
  },
  at: 0,
});
const steps = { mode: 'deploy', sandbox: false, running: true, shiftwiseRuns: true } as const;

const interrupts: [name: string, interrupt: Interrupt, words: string][] = [
  [
    'a steps rollout mid-bake stands still: deploy goes on, abort rolls back (the path one shell word)',
    { ...steps, file: "dir with space/it's.rollout.yaml", last: progress('baking', 1) },
    "interrupted (last seen: [+15:30] step 1/2 · 25% traffic · baking). Shiftwise moves this rollout's steps itself, " +
      'so it now stands still: the traffic stays where it is, no step moves on, and no alarm or analysis watches it. ' +
      "Run `shiftwise deploy 'dir with space/it'\\''s.rollout.yaml'` to go on from here, or " +
      "`shiftwise abort 'dir with space/it'\\''s.rollout.yaml'` to roll it back.",
  ],
  [
    'a steps rollout whose rollback is recorded: deploy or abort completes it, nothing goes on',
    { ...steps, file: 'slow.rollout.yaml', last: progress('rolling-back', 0) },
    'interrupted (last seen: [+15:30] 0% traffic · rolling-back). The rollback is recorded on the endpoint, and it ' +
      'stopped where it stands: the traffic stays where the last update left it until a command completes it. ' +
      'Run `shiftwise deploy slow.rollout.yaml` or `shiftwise abort slow.rollout.yaml` to complete the rollback.',
  ],
  [
    'promote, rolling back: the same',
    { ...steps, mode: 'promote', file: 'my file.rollout.yaml', last: progress('rolling-back', 0) },
    'interrupted (last seen: [+15:30] 0% traffic · rolling-back). The rollback is recorded on the endpoint, and it ' +
      'stopped where it stands: the traffic stays where the last update left it until a command completes it. ' +
      "Run `shiftwise deploy 'my file.rollout.yaml'` or `shiftwise abort 'my file.rollout.yaml'` to complete the rollback.",
  ],
  [
    'an abort: run again to finish',
    { ...steps, mode: 'abort', file: 'my file.rollout.yaml', last: progress('rolling-back', 0) },
    'interrupted (last seen: [+15:30] 0% traffic · rolling-back); the roll-back stops where it stands. ' +
      "Run `shiftwise abort 'my file.rollout.yaml'` again to finish it.",
  ],
  [
    "a provider's update keeps running",
    { ...steps, shiftwiseRuns: false, file: 'my file.rollout.yaml', last: progress('baking', 1) },
    'interrupted; the update keeps running at the provider (last seen: [+15:30] step 1/2 · 25% traffic · baking). ' +
      "Run `shiftwise deploy 'my file.rollout.yaml'` again to watch it to its outcome.",
  ],
  [
    "a provider's rollback is not the update deploy would watch",
    { ...steps, shiftwiseRuns: false, file: 'my file.rollout.yaml', last: progress('rolling-back', 0) },
    'interrupted while the rollout was being rolled back (last seen: [+15:30] 0% traffic · rolling-back). The ' +
      'rollback (on Vertex AI, the revert to the previous model Shiftwise began after the watch timeout) keeps ' +
      "running at the provider; running `shiftwise deploy 'my file.rollout.yaml'` now would not watch it (it is " +
      'refused while the revert runs, and starts the rollout anew once it ends). Check the endpoint until it ' +
      'settles (its deployed models and traffic split, or DescribeEndpoint).',
  ],
  [
    'before anything was sent',
    { ...steps, running: false, file: 'my file.rollout.yaml' },
    'interrupted before any update was sent; nothing changed.',
  ],
];

for (const [name, interrupt, words] of interrupts)
  test(`interrupted: ${name}`, () => {
    assert.equal(interruptWords(interrupt), words);
  });
