// Console output over stdio would corrupt the protocol stream: after `redirectConsole`, every method of Node's
// console writes nothing to stdout (nor stderr) and what it says reaches the client's log. The methods are read from
// `console` itself, so one a newer Node adds is called too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redirectConsole } from '../src/stdio-connection.js';

/** The arguments each method is called with; any other gets ('x', { a: 1 }). */
const calls: Record<string, unknown[]> = {
  assert: [false, 'x'],
  table: [[{ a: 1 }]],
  dir: [{ a: 1 }],
  time: ['started in the loop'],
  timeLog: ['logged', 1],
  timeEnd: ['ended'],
  count: ['c'],
  countReset: ['c'],
  createTask: ['task'],
};

test('after redirectConsole, no console method writes to stdout or stderr; dir, trace and table reach the log', () => {
  const saved = { ...console };
  const logged: string[] = [];
  const written: string[] = [];
  const { stdout, stderr } = process;
  const write = { stdout: stdout.write, stderr: stderr.write };
  const methods = Object.keys(console).filter(
    (name) =>
      typeof (console as unknown as Record<string, unknown>)[name] === 'function' && name !== 'Console',
  );
  try {
    redirectConsole({
      log: (m) => logged.push(`log ${m}`),
      info: (m) => logged.push(`info ${m}`),
      warn: (m) => logged.push(`warn ${m}`),
      error: (m) => logged.push(`error ${m}`),
    });
    stdout.write = ((chunk: unknown) => written.push(`stdout: ${String(chunk)}`) > 0) as typeof stdout.write;
    stderr.write = ((chunk: unknown) => written.push(`stderr: ${String(chunk)}`) > 0) as typeof stderr.write;
    console.time('logged');
    console.time('ended');
    for (const name of methods) {
      const method = (console as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
      method?.(...(calls[name] ?? ['x', { a: 1 }]));
    }
  } finally {
    stdout.write = write.stdout;
    stderr.write = write.stderr;
    Object.assign(console, saved);
  }
  assert.deepEqual(written, [], `called: ${methods.join(' ')}`);
  for (const expected of [
    /^log \{ a: 1 \}$/, // dir
    /^error Trace: x \{ a: 1 \}\n\s+at /, // trace
    /^log .*┌/, // table
    /^log x \{ a: 1 \}$/, // log, debug, dirxml, group
    /^info x \{ a: 1 \}$/,
    /^warn Assertion failed: x$/,
    /^log c: 1$/, // count
  ])
    assert.ok(
      logged.some((l) => expected.test(l)),
      `no log line ${expected}: ${JSON.stringify(logged)}`,
    );
});

test('redirectConsole formats as console.log does (%s, %d)', () => {
  const saved = { ...console };
  const logged: string[] = [];
  try {
    redirectConsole({
      log: (m) => logged.push(m),
      info: (m) => logged.push(m),
      warn: (m) => logged.push(m),
      error: (m) => logged.push(m),
    });
    console.log('%s has %d alarms', 'fraud', 2);
  } finally {
    Object.assign(console, saved);
  }
  assert.deepEqual(logged, ['fraud has 2 alarms']);
});
