import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Fix, fieldDocs, lineIndex, validateRollout } from '../src/index.js';

// What the reader says where a file does not read as a rollout: one row per file, with the finding's code, where
// it points (line:column, 1-based, and the text there), its message and, when it has one, its fix applied. The
// messages say what is wrong in the file's own spelling (YAML or JSON) and how to put it right.
const head = 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\n';
const rows: {
  name: string;
  text: string;
  fileName?: string;
  code: string;
  at: string;
  message: RegExp;
  fixed?: string;
}[] = [
  {
    name: 'an unclosed [ is reported where it opens, not on the next line',
    text: 'version: 1\nname: [unclosed\nprovider: sagemaker\n',
    code: 'yaml-syntax',
    at: '2:7 [',
    message: /^the list opened by '\[' at line 2, column 7 is never closed; add '\]' after its last item$/,
  },
  {
    name: 'an unclosed { nested in a list: the innermost opener',
    text: 'version: 1\nrollback:\n  alarms: [a, {b: 1\n',
    code: 'yaml-syntax',
    at: '3:15 {',
    message:
      /^the mapping opened by '\{' at line 3, column 15 is never closed; add '\}' after its last entry$/,
  },
  {
    name: 'brackets inside quotes and comments open nothing',
    text: 'version: 1 # [\nname: "[x"\nstrategy: {type: "{", size: 1\n',
    code: 'yaml-syntax',
    at: '3:11 {',
    message: /^the mapping opened by '\{' at line 3, column 11 is never closed/,
  },
  {
    name: 'a list closed on a line indented no deeper than its key',
    text: 'rollback:\n  alarms: [a,\n  b]\n',
    code: 'yaml-syntax',
    at: '3:3 b',
    message:
      /^the list opened by '\[' at line 2, column 11 goes on at a line indented no deeper than the line it opened on; indent the lines after its first deeper, or write it on one line$/,
  },
  {
    name: "a mapping ended by ']': the '}' is missing there, not an indent",
    text: 'version: 1\nstrategy: {type: canary, size: 10%, bake: 10m]\n',
    code: 'yaml-syntax',
    at: '2:46 ]',
    message:
      /^the mapping opened by '\{' at line 2, column 11 reaches the '\]' at line 2, column 46 without its '\}': add '\}' before that '\]', or write '\}' in its place if the '\]' closes nothing$/,
  },
  {
    name: 'an unclosed double quote runs to the end of the file',
    text: 'version: 1\nendpoint: "abc\nprovider: sagemaker\n',
    code: 'yaml-syntax',
    at: '2:11 "',
    message:
      /^the string in double quotes opened at line 2, column 11 is never closed, so it runs on to the end of the file; add the closing " where the value ends \(a " inside it is written \\"\)$/,
  },
  {
    name: "an unclosed single quote, past an escaped '' in another",
    text: "version: 1\nname: 'it''s'\nendpoint: 'abc\n",
    code: 'yaml-syntax',
    at: "3:11 '",
    message: /^the string in single quotes opened at line 3, column 11 is never closed.*written ''\)$/,
  },
  {
    name: 'a ] that closes nothing',
    text: 'version: 1\nrollback:\n  alarms: [a, b]]\n',
    code: 'yaml-syntax',
    at: '3:17 ]',
    message: /^this '\]' closes no list: no '\[' is open here; remove it$/,
    fixed: 'version: 1\nrollback:\n  alarms: [a, b]\n',
  },
  {
    name: 'a } alone on its line: the keys after it read, no finding for each of them',
    text: 'version: 1\nprovider: sagemaker\n}\nendpoint: e\nstrategy:\n  type: canary\n',
    code: 'yaml-syntax',
    at: '3:1 }',
    message: /^this '\}' closes no mapping: no '\{' is open here; remove it$/,
    fixed: 'version: 1\nprovider: sagemaker\nendpoint: e\nstrategy:\n  type: canary\n',
  },
  {
    name: 'a } alone on an indented line, CRLF: the line goes with it',
    text: 'version: 1\r\nstrategy:\r\n  type: canary\r\n  }\r\nrollback:\r\n  alarms: [a]\r\n',
    code: 'yaml-syntax',
    at: '4:3 }',
    message: /^this '\}' closes no mapping/,
    fixed: 'version: 1\r\nstrategy:\r\n  type: canary\r\nrollback:\r\n  alarms: [a]\r\n',
  },
  {
    name: 'an empty .json file is told in JSON',
    text: '',
    fileName: 'x.rollout.json',
    code: 'required',
    at: '1:1 ',
    message: /^the file is empty; a rollout file is one JSON object: \{"version": 1, "provider": …/,
  },
  {
    name: 'an empty YAML file is told in YAML',
    text: '',
    code: 'required',
    at: '1:1 ',
    message: /^the file is empty; a rollout file starts with 'version: 1', 'provider'/,
  },
  {
    name: 'strategy: canary means the mapping with that type',
    text: `${head}strategy: canary # soon linear\n`,
    code: 'wrong-type',
    at: '5:11 canary',
    message:
      /^'strategy' is a string; a strategy is a mapping with its type and fields: write strategy: \{type: canary\}, or 'type: canary' on its own line below, indented$/,
    fixed: `${head}strategy: {type: canary} # soon linear\n`,
  },
  {
    name: 'JSON: "strategy": "linear" means the object with that type',
    text: '{"version": 1, "provider": "sagemaker", "endpoint": "e", "endpointConfig": "c", "strategy": "linear"}',
    fileName: 'x.rollout.json',
    code: 'wrong-type',
    at: '1:93 "linear"',
    message:
      /^'strategy' is a string; a strategy is an object with its type and fields: write "strategy": \{"type": "linear"\}$/,
    fixed:
      '{"version": 1, "provider": "sagemaker", "endpoint": "e", "endpointConfig": "c", "strategy": {"type": "linear"}}',
  },
  {
    name: 'a strategy string that is no type: the mapping expected, no fix',
    text: `${head}strategy: fast\n`,
    code: 'wrong-type',
    at: '5:11 fast',
    message: /^'strategy' is a string; expected a mapping of keys$/,
  },
];

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

for (const row of rows)
  test(`parse message: ${row.name}`, () => {
    const options = row.fileName === undefined ? {} : { fileName: row.fileName };
    const found = validateRollout(row.text, options).diagnostics.filter((d) => d.code === row.code);
    assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
    const [d] = found;
    const { line, character } = lineIndex(row.text).positionAt(d!.range.start);
    assert.equal(`${line + 1}:${character + 1} ${row.text.slice(d!.range.start, d!.range.end)}`, row.at);
    assert.match(d!.message, row.message);
    if (row.fixed === undefined) {
      if (row.code !== 'required') assert.equal(d!.fixes, undefined);
      return;
    }
    assert.equal(d!.fixes?.length, 1);
    assert.equal(apply(row.text, d!.fixes![0]!), row.fixed);
  });

test('region is no API field: no request carries it, so hover shows no prose as an API name', () => {
  const region = fieldDocs('region', { provider: 'sagemaker' });
  assert.equal(region?.apiField, undefined);
  assert.match(region?.description ?? '', /SageMaker and CloudWatch clients/);
});

test('past a } that closes nothing, the rest of the file gets its own findings only', () => {
  const text = 'version: 1\nprovider: sagemaker\n}\nendpoint: e\nrollback:\n  alarms: [a\n';
  const said = validateRollout(text).diagnostics.map((d) => {
    const { line, character } = lineIndex(text).positionAt(d.range.start);
    return `${line + 1}:${character + 1} ${d.message.slice(0, 40)}`;
  });
  assert.deepEqual(said, [
    "3:1 this '}' closes no mapping: no '{' is op",
    "6:11 the list opened by '[' at line 6, column",
  ]);
});

test('closers that close nothing, more than are read past: each said, nothing thrown', () => {
  const text = `version: 1\n${'}\n'.repeat(6)}endpoint: e\n`;
  const found = validateRollout(text).diagnostics.filter((d) => d.code === 'yaml-syntax');
  assert.ok(found.length >= 4, found.map((d) => d.message).join('\n'));
  assert.match(found[0]?.message ?? '', /closes no mapping/);
});
