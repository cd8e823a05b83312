// Which documents the server serves: rollout files by core's isRolloutFile (any case) and unsaved buffers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { servesDocument } from '../src/rollout-files.js';

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

test('the server serves *.rollout.yaml|yml|json in any case, and unsaved buffers', () => {
  for (const [uri, expected] of cases) assert.equal(servesDocument(uri), expected, uri);
});
