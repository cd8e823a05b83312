// Which documents the server serves: a table of URIs and paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRolloutFile } from '../src/rollout-files.js';

const cases: [string, boolean][] = [
  ['file:///w/fraud.rollout.yaml', true],
  ['file:///w/fraud.rollout.yml', true],
  ['file:///w/fraud.rollout.json', true],
  ['file:///w/FRAUD.Rollout.YAML', true],
  ['/w/rollouts/a.rollout.yaml', true],
  ['untitled:Untitled-1', true],
  ['file:///w/fraud.rollout.yaml?query#frag', true],
  ['file:///w/docker-compose.yaml', false],
  ['file:///w/rollout.yaml', false],
  ['file:///w/fraud.rollout.yaml.bak', false],
  ['file:///w/fraud.rollout.toml', false],
  ['file:///w/a.rollout.yaml/notes.md', false],
];

test('rollout files are *.rollout.yaml|yml|json and unsaved buffers', () => {
  for (const [uri, expected] of cases) assert.equal(isRolloutFile(uri), expected, uri);
});
