import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { CliIo } from '../src/io.js';
import { main, processIo } from '../src/main.js';
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
