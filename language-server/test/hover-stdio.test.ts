// Hover over stdio: the "Here:" line (the file's value normalised) on steps and analysis checks, and on the values
// that did read in a file whose reading stopped at a finding, never on one that depends on what did not read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60, cursor } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

const steps = readFileSync(new URL('../../examples/sagemaker-steps.rollout.yaml', import.meta.url), 'utf8');
/** A canary with no `bake`: its reading stops there, with the other values read. */
const noBake = canary60.replace('  bake: 10m\n', '').replace('60%', '25%');

let client: Client;
let opened = 0;
before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

/** The hover at the `|` of `marked`: its Here: words, '(no Here)' without that line, or null without a hover. */
async function here(marked: string): Promise<string | null> {
  const { text, position } = cursor(marked);
  const uri = `file:///work/hover/${++opened}/x.rollout.yaml`;
  await withTimeout(client.open(uri, text), 10_000);
  const answer = (await withTimeout(
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    10_000,
  )) as Hover | null;
  if (answer === null) return null;
  const value = (answer.contents as MarkupContent).value;
  return /Here: \*\*(.*)\*\*/.exec(value)?.[1] ?? '(no Here)';
}

const rows: [name: string, marked: string, expected: string | null][] = [
  [
    "a traffic step's share in instances",
    steps.replace('- traffic: 5%', '- traffic: |5%'),
    '1 instance of 4 (5% of traffic)',
  ],
  ["a step's bake", steps.replace('      bake: 10m', '      ba|ke: 10m'), '600 s (10m)'],
  ['a manual pause', steps.replace('pause: manual', 'pause: man|ual'), 'until shiftwise promote'],
  ["a check's period", steps.replace('period: 1m', 'per|iod: 1m'), '60 s (1m)'],
  [
    "a check's failure limit",
    steps.replace('failureLimit: 2', 'failure|Limit: 2'),
    '2 breaching periods in a row: 600 s (10m)',
  ],
  ['the capacity of a file with a missing key', noBake.replace('capacity: 4', 'capa|city: 4'), '4 instances'],
  [
    'the size of a file with a missing key',
    noBake.replace('size: 25%', 'size: 2|5%'),
    '1 instance of 4 (25% of traffic)',
  ],
  ['the timeout of a file with a missing key', noBake.replace('timeout: 1h', 'timeout: 1|h'), '3600 s (1h)'],
  // The share of a capacity that did not read would be a guess: no Here; a bake needs no capacity.
  [
    'a share of an unreadable capacity',
    steps.replace('capacity: 4', 'capacity: four').replace('- traffic: 5%', '- traffic: 5|%'),
    '(no Here)',
  ],
  [
    'a bake beside an unreadable capacity',
    steps.replace('capacity: 4', 'capacity: four').replace('      bake: 10m', '      bake: 1|0m'),
    '600 s (10m)',
  ],
  // A comment after a value is no field's, nested or at the root; a `#` inside a quoted value is not a comment.
  ['a comment after a nested value', canary60.replace('size: 60%', 'size: 60% # MaximumBatch|Size'), null],
  ['a comment after a root value', canary60.replace('timeout: 1h', 'timeout: 1h # the |budget'), null],
  ['a value before its comment', canary60.replace('  bake: 10m', '  bake: 1|0m # note'), '600 s (10m)'],
  [
    "a quoted value's #",
    canary60.replace('endpoint: fraud-detector-prod', 'endpoint: "fraud # |x"'),
    '(no Here)',
  ],
];

for (const [name, marked, expected] of rows) {
  test(`hover: ${name}`, async () => {
    assert.equal(await here(marked), expected);
  });
}
