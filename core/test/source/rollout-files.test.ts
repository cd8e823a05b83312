// Which files are rollout files: one table for every face (the CLI's discovery, the action's default `files`, the
// language server, the extension's document selector).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRolloutFile, isRolloutPath, rolloutGlob, rolloutGlobAnyCase } from '../../src/index.js';
import { isJsonFileName } from '../../src/source/rollout-files.js';

/** [path or URI, is a rollout file]. */
const rolloutFileCases: [string, boolean][] = [
  ['file:///w/fraud.rollout.yaml', true],
  ['file:///w/fraud.rollout.yml', true],
  ['file:///w/fraud.rollout.json', true],
  ['file:///w/FRAUD.Rollout.YAML', true],
  ['rollouts/EU.ROLLOUT.Json', true],
  ['/w/rollouts/a.rollout.yaml', true],
  ['file:///w/fraud.rollout.yaml?query#frag', true],
  ['file:///w/docker-compose.yaml', false],
  ['file:///w/rollout.yaml', false],
  ['file:///w/fraud.rollout.yaml.bak', false],
  ['file:///w/fraud.rollout.toml', false],
  ['file:///w/a.rollout.yaml/notes.md', false],
  ['untitled:Untitled-1', false],
];

/** [file-system path, is a rollout file]: `#` and `?` are part of a path's name, not a URI's query or fragment. */
const rolloutPathCases: [string, boolean][] = [
  ['team#2/EU.Rollout.YML', true],
  ['q?.rollout.json', true],
  ['a.rollout.yaml#notes', false],
  ['rollouts/a.rollout.yaml.bak', false],
];

/** Which file names the parser reads as JSON (core's reader and parse, the language server's completion). */
const jsonNameCases: [string | undefined, boolean][] = [
  ['x.rollout.json', true],
  ['X.ROLLOUT.JSON', true],
  ['x.rollout.yaml', false],
  ['x.json.yaml', false],
  [undefined, false],
];

const tables: {
  name: string;
  is: (path: string | undefined) => boolean;
  cases: [string | undefined, boolean][];
}[] = [
  { name: 'isRolloutFile', is: (path) => isRolloutFile(path ?? ''), cases: rolloutFileCases },
  { name: 'isRolloutPath', is: (path) => isRolloutPath(path ?? ''), cases: rolloutPathCases },
  { name: 'isJsonFileName', is: isJsonFileName, cases: jsonNameCases },
];
for (const { name, is, cases } of tables)
  for (const [path, expected] of cases)
    test(`${name}(${JSON.stringify(path)}) is ${expected}`, () => assert.equal(is(path), expected));

test('the any-case glob is the glob with each letter as a class of both cases', () => {
  assert.equal(
    rolloutGlobAnyCase,
    rolloutGlob.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`),
  );
});
