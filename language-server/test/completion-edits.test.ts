// Completion over stdio, as an editor applies it: each row is a `|`-marked document, the item picked and the text
// it leaves (snippet placeholders filled with their defaults), which must read back without a syntax finding.
// JSON rows start as an editor that closes quotes leaves them (`"|"`), and a `.json` file is JSON from its name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CompletionList, CompletionRequest, type TextEdit } from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { applyEdits, cursor } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

/** The head of a file of steps Shiftwise runs, up to its first step. */
const steps =
  'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy:\n  type: steps\n  steps:\n';

const rows: readonly { name: string; file: string; marked: string; pick: string; expected: string }[] = [
  {
    name: 'a JSON key inside closed quotes',
    file: 'x.rollout.json',
    marked: '{\n  "|"\n}',
    pick: 'version',
    expected: '{\n  "version": 1\n}',
  },
  {
    name: 'a JSON key half typed inside closed quotes',
    file: 'x.rollout.json',
    marked: '{\n  "version": 1,\n  "prov|"\n}',
    pick: 'provider',
    expected: '{\n  "version": 1,\n  "provider": "sagemaker"\n}',
  },
  {
    name: 'a JSON key renamed in front of its colon',
    file: 'x.rollout.json',
    marked: '{\n  "|": 1\n}',
    pick: 'version',
    expected: '{\n  "version": 1\n}',
  },
  {
    name: 'a JSON value inside closed quotes',
    file: 'x.rollout.json',
    marked: '{\n  "version": 1,\n  "provider": "|"\n}',
    pick: 'sagemaker',
    expected: '{\n  "version": 1,\n  "provider": "sagemaker"\n}',
  },
  {
    name: 'the first key of an empty .json file, with the braces',
    file: 'x.rollout.json',
    marked: '|',
    pick: 'version',
    expected: '{\n  "version": 1\n}\n',
  },
  {
    name: 'the first key of a blank .JSON file',
    file: 'x.rollout.JSON',
    marked: '\n|',
    pick: 'version',
    expected: '\n{\n  "version": 1\n}\n',
  },
  {
    name: 'a YAML mapping key in a CRLF file keeps its line endings',
    file: 'x.rollout.yaml',
    marked: 'version: 1\r\nprovider: sagemaker\r\nstra|\r\n',
    pick: 'strategy',
    expected: 'version: 1\r\nprovider: sagemaker\r\nstrategy:\r\n  \r\n',
  },
  {
    name: 'a JSON skeleton in a blank CRLF .json file',
    file: 'x.rollout.json',
    marked: '\r\n|',
    pick: 'version',
    expected: '\r\n{\r\n  "version": 1\r\n}\r\n',
  },
  {
    name: 'a YAML value picked at the start of another replaces it',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprovider: sagemaker\nstrategy:\n  type: |canary\n',
    pick: 'linear',
    expected: 'version: 1\nprovider: sagemaker\nstrategy:\n  type: linear\n',
  },
  {
    name: 'a YAML value picked in the middle of a word replaces the word',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprovider: sage|maker\n',
    pick: 'vertex-ai',
    expected: 'version: 1\nprovider: vertex-ai\n',
  },
  {
    name: 'a misspelt YAML key corrected from the middle of its word keeps its colon and value',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprov|der: sagemaker\n',
    pick: 'provider',
    expected: 'version: 1\nprovider: sagemaker\n',
  },
  {
    name: 'a YAML key picked in the middle of a word with no colon yet',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprov|der\n',
    pick: 'provider',
    expected: 'version: 1\nprovider: sagemaker\n',
  },
  {
    name: 'a key typed in a list item keeps the colon and value already there',
    file: 'x.rollout.yaml',
    marked:
      'version: 1\nprovider: sagemaker\nendpoint: e\nstrategy:\n  type: steps\n  steps:\n    - traffi|x: 5%\n',
    pick: 'traffic',
    expected:
      'version: 1\nprovider: sagemaker\nendpoint: e\nstrategy:\n  type: steps\n  steps:\n    - traffic: 5%\n',
  },
  {
    name: 'a quoted YAML value picked in the middle of its word replaces it up to the closing quote',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprovider: "sage|maker"\n',
    pick: 'vertex-ai',
    expected: 'version: 1\nprovider: "vertex-ai"\n',
  },
  {
    name: 'a JSON value picked in the middle of its string replaces it up to the closing quote',
    file: 'x.rollout.json',
    marked: '{\n  "version": 1,\n  "provider": "sage|maker"\n}',
    pick: 'vertex-ai',
    expected: '{\n  "version": 1,\n  "provider": "vertex-ai"\n}',
  },
  {
    name: 'a JSON key written bare in front of its colon is quoted',
    file: 'x.rollout.json',
    marked: '{\n  "version": 1,\n  prov|x: "sagemaker"\n}',
    pick: 'provider',
    expected: '{\n  "version": 1,\n  "provider": "sagemaker"\n}',
  },
  {
    name: 'a YAML key inside closed quotes is written plain',
    file: 'x.rollout.yaml',
    marked: 'version: 1\n"|"\n',
    pick: 'provider',
    expected: 'version: 1\nprovider: sagemaker\n',
  },
  {
    name: 'a YAML key renamed inside single quotes in front of its colon',
    file: 'x.rollout.yaml',
    marked: "version: 1\n'prov|': vertex-ai\n",
    pick: 'provider',
    expected: 'version: 1\nprovider: vertex-ai\n',
  },
  {
    name: "a pause's value on the first line of a list item",
    file: 'x.rollout.yaml',
    marked: `${steps}    - traffic: 5%\n    - pause: |\n`,
    pick: 'manual',
    expected: `${steps}    - traffic: 5%\n    - pause: manual\n`,
  },
  {
    name: "a traffic step's value on the first line of a list item",
    file: 'x.rollout.yaml',
    marked: `${steps}    - traffic: |\n`,
    pick: '100%',
    expected: `${steps}    - traffic: 100%\n`,
  },
  {
    name: "a pause's value half typed in a flow mapping item",
    file: 'x.rollout.yaml',
    marked: `${steps}    - traffic: 5%\n    - {pause: m|}\n`,
    pick: 'manual',
    expected: `${steps}    - traffic: 5%\n    - {pause: manual}\n`,
  },
  {
    name: "an analysis check's statistic on the first line of its item",
    file: 'x.rollout.yaml',
    marked: `${steps}    - traffic: 100%\nanalysis:\n  - stat: |\n`,
    pick: 'Average',
    expected: `${steps}    - traffic: 100%\nanalysis:\n  - stat: Average\n`,
  },
  {
    name: "an analysis check's metric on the first line of its item",
    file: 'x.rollout.yaml',
    marked: `${steps}    - traffic: 100%\nanalysis:\n  - metric: |\n`,
    pick: 'Invocations',
    expected: `${steps}    - traffic: 100%\nanalysis:\n  - metric: Invocations\n`,
  },
  {
    name: "a JSON pause's value",
    file: 'x.rollout.json',
    marked: '{"strategy": {"type": "steps", "steps": [{"pause": |}]}}',
    pick: '1h',
    expected: '{"strategy": {"type": "steps", "steps": [{"pause": "1h"}]}}',
  },
  {
    name: 'a YAML value',
    file: 'x.rollout.yaml',
    marked: 'version: 1\nprovider: |',
    pick: 'sagemaker',
    expected: 'version: 1\nprovider: sagemaker',
  },
];

let client: Client;
let opened = 0;
before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

/** A snippet as it reads once its placeholders keep their defaults: `"bake": ${1:"10m"}$0` → `"bake": "10m"`. */
function filled(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** Opens the text of `marked` (`|` the cursor) as a new document named `file`, and asks for completion there. */
async function completeAt(marked: string, file = 'x.rollout.yaml') {
  const { text, position } = cursor(marked);
  const uri = `file:///work/completion/${++opened}/${file}`;
  await withTimeout(client.open(uri, text, file.toLowerCase().endsWith('json') ? 'json' : 'yaml'), 10_000);
  const list = (await withTimeout(
    client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
    10_000,
  )) as CompletionList;
  return { text, position, uri, list };
}

for (const row of rows) {
  test(`completion: ${row.name}`, async () => {
    const { text, uri, list } = await completeAt(row.marked, row.file);
    const item = list.items.find((i) => i.label === row.pick);
    assert.ok(item, `no ${row.pick} among ${list.items.map((i) => i.label).join(', ')}`);
    const edit = item.textEdit as TextEdit;
    const written = applyEdits(text, [{ range: edit.range, newText: filled(edit.newText) }]);
    assert.equal(written, row.expected);
    const published = await withTimeout(client.change(uri, 2, [{ text: written }]), 10_000);
    const syntax = published.diagnostics.filter((d) => /syntax$/.test(String(d.code)));
    assert.deepEqual(syntax, [], written);
  });
}

test('completion: no multi-line snippet in front of a key whose colon and value stay', async () => {
  const { list } = await completeAt('version: 1\nprovider: sagemaker\nstrat|gy:\n  type: linear\n');
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('strategy'), labels.join(', '));
  assert.deepEqual(
    labels.filter((l) => l.includes('(')),
    [],
    'a snippet would write whole lines before the kept ": value"',
  );
});

test('completion: a key already written on the first line of a list item is given values, never a key over it', async () => {
  // Each item's edit once covered `pause: ` and wrote a sibling key (`- traffic: 10%`) in its place.
  for (const marked of [`${steps}    - pause: |\n`, `${steps}    - traffic: 5%\nanalysis:\n  - stat: |\n`]) {
    const { position, list } = await completeAt(marked);
    assert.ok(list.items.length > 0, marked);
    for (const item of list.items) {
      const edit = item.textEdit as TextEdit;
      assert.deepEqual(edit.range.start, position, `${item.label} writes before the cursor`);
      assert.doesNotMatch(edit.newText, /:/, `${item.label} is a key`);
    }
  }
});

test('completion: a list key (analysis, steps) goes in with one example entry, never empty, and validates', async () => {
  // `analysis: ${1:}` once wrote an empty list, itself an error.
  const rows: [marked: string, pick: string][] = [
    [`${steps}    - traffic: 100%\n|\n`, 'analysis'],
    [
      'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy:\n  type: steps\n  |\n',
      'steps',
    ],
    [
      'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy: {type: steps, |}\n',
      'steps',
    ],
  ];
  for (const [marked, pick] of rows) {
    const { text, uri, list } = await completeAt(marked);
    const item = list.items.find((i) => i.label === pick);
    assert.ok(item, `no ${pick} among ${list.items.map((i) => i.label).join(', ')}`);
    const edit = item.textEdit as TextEdit;
    const written = applyEdits(text, [{ range: edit.range, newText: filled(edit.newText) }]);
    assert.match(written, pick === 'analysis' ? /\nanalysis:\n {2}- name: new-5xx\n/ : /steps:.*100%/s);
    const published = await withTimeout(client.change(uri, 2, [{ text: written }]), 10_000);
    const errors = published.diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
    assert.deepEqual(errors, [], written);
  }
});

test('completion: each strategy snippet says what it writes, with the right article', async () => {
  const { list } = await completeAt('version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\n|\n');
  const details = Object.fromEntries(
    list.items.filter((i) => i.label.startsWith('strategy (')).map((i) => [i.label, i.detail]),
  );
  assert.equal(details['strategy (all-at-once)'], 'An all-at-once strategy with its fields');
  assert.equal(details['strategy (canary)'], 'A canary strategy with its fields');
});
