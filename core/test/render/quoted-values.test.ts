import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateRollout } from '../../src/index.js';
import { shortQuotes } from '../../src/render/quoted-values.js';

// shortQuotes cuts only a quoted value over 200 characters; every other word of a message stays as written.

const long = (c: string, n: number) => c.repeat(n);

// [case, message, expected]
const rows: [string, string, string][] = [
  [
    'two short values with 200+ characters of sentence between them (timeout-budget)',
    "'timeout' is 3600 s (1h) but the bakes and terminationWait alone take at least 5400 s (1h30m) at any capacity: SageMaker would roll back before the last step ends. Make it at least 20400 s (5h40m) (for 10 instances; set 'capacity' for the exact figure)",
    "'timeout' is 3600 s (1h) but the bakes and terminationWait alone take at least 5400 s (1h30m) at any capacity: SageMaker would roll back before the last step ends. Make it at least 20400 s (5h40m) (for 10 instances; set 'capacity' for the exact figure)",
  ],
  [
    'backticks around 200+ characters of sentence',
    `\`a\` ${long('w ', 150)}\`b\``,
    `\`a\` ${long('w ', 150)}\`b\``,
  ],
  [
    'double quotes around 200+ characters of sentence',
    `"a" ${long('w ', 150)}"b"`,
    `"a" ${long('w ', 150)}"b"`,
  ],
  [
    "an apostrophe inside a word opens no value (SageMaker's)",
    `SageMaker's ${long('w ', 150)} 'x' and it's ${long('v ', 120)}'y'`,
    `SageMaker's ${long('w ', 150)} 'x' and it's ${long('v ', 120)}'y'`,
  ],
  ['a value of exactly 200 characters', `name '${long('a', 200)}' twice`, `name '${long('a', 200)}' twice`],
  ['a value of 201 characters', `name '${long('a', 201)}' twice`, `name '${long('a', 200)}…' twice`],
  [
    'a long value after a short one',
    `'endpoint' is '${long('e', 300)}': shorten it`,
    `'endpoint' is '${long('e', 200)}…': shorten it`,
  ],
  [
    'a long value holding an apostrophe',
    `name '${long('a', 150)}'s ${long('b', 150)}' x`,
    `name '${long('a', 150)}'s ${long('b', 47)}…' x`,
  ],
  ['a long backticked value', `model \`${long('m', 250)}\` twice`, `model \`${long('m', 200)}…\` twice`],
  ['a long double-quoted value with escapes', `"${long('\\"', 150)}" x`, `"${long('\\"', 100)}…" x`],
  ['a long value in emoji, cut by code point', `'${long('😀', 201)}'`, `'${long('😀', 200)}…'`],
];
for (const [name, message, expected] of rows)
  test(`shortQuotes: ${name}`, () => assert.equal(shortQuotes(message), expected));

test('every message of the rules corpus and the examples is unchanged (none quotes a value over 200 characters)', () => {
  const folders = ['../../testdata/rules/', '../../../examples/'].map((f) => new URL(f, import.meta.url));
  const changed: string[] = [];
  let count = 0;
  for (const folder of folders)
    for (const file of readdirSync(folder).filter((f) => /\.rollout\.(ya?ml|json)$/i.test(f))) {
      const { diagnostics } = validateRollout(readFileSync(new URL(file, folder), 'utf8'), {
        fileName: file,
      });
      for (const { message } of diagnostics) {
        count++;
        if (shortQuotes(message) !== message)
          changed.push(`${file}: ${message}\n  → ${shortQuotes(message)}`);
      }
    }
  assert.ok(count > 100, `${count} messages`);
  assert.deepEqual(changed, []);
});
