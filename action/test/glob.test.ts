import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRolloutFile, rolloutGlobAnyCase } from '@shiftwise/core';
import { defaultFiles, globToRegExp, pathMatcher } from '../src/glob.js';

// [patterns, path, matches] — the `files` input against repository-relative paths from the pull request.
const rows: [string, string, boolean][] = [
  [defaultFiles, 'a.rollout.yaml', true],
  [defaultFiles, 'rollouts/fraud.rollout.yaml', true],
  [defaultFiles, 'deep/er/x.rollout.yml', true],
  [defaultFiles, 'x.rollout.json', true],
  [defaultFiles, 'x.rollout.yaml.bak', false],
  [defaultFiles, 'rollout.yaml', false],
  [defaultFiles, 'README.md', false],
  ['rollouts/*.rollout.yaml', 'rollouts/a.rollout.yaml', true],
  ['rollouts/*.rollout.yaml', 'rollouts/eu/a.rollout.yaml', false],
  ['rollouts/**', 'rollouts/eu/a.rollout.yaml', true],
  ['rollouts/?.rollout.yaml', 'rollouts/a.rollout.yaml', true],
  ['rollouts/?.rollout.yaml', 'rollouts/ab.rollout.yaml', false],
  ['rollouts/[ab].rollout.yaml', 'rollouts/b.rollout.yaml', true],
  ['rollouts/[!ab].rollout.yaml', 'rollouts/b.rollout.yaml', false],
  ['a.rollout.yaml, b.rollout.yaml', 'b.rollout.yaml', true],
  ['a.rollout.yaml\nb.rollout.yaml', 'b.rollout.yaml', true],
  [`${defaultFiles}\n!**/drafts/**`, 'rollouts/drafts/a.rollout.yaml', false],
  [`${defaultFiles}\n!**/drafts/**`, 'rollouts/a.rollout.yaml', true],
  ['# comment\nx.rollout.yaml', 'x.rollout.yaml', true],
  ['x+y(1).rollout.yaml', 'x+y(1).rollout.yaml', true],
  ['./x.rollout.yaml', 'x.rollout.yaml', true],
  ['/x.rollout.yaml', 'x.rollout.yaml', true],
  ['./rollouts/*.rollout.yaml', 'rollouts/a.rollout.yaml', true],
  ['/rollouts/*.rollout.yaml', 'rollouts/a.rollout.yaml', true],
  ['!./rollouts/a.rollout.yaml', 'rollouts/a.rollout.yaml', false],
  ['x.rollout.yaml', './x.rollout.yaml', true],
  ['rollouts/', 'rollouts/eu/a.rollout.yaml', true],
  ['rollouts/', 'rollouts/notes.txt', false],
  ['./rollouts/', 'other/a.rollout.yaml', false],
  ['!**/drafts/**', 'rollouts/a.rollout.yaml', true],
  ['!**/drafts/**', 'rollouts/drafts/a.rollout.yaml', false],
  ['!**/drafts/**', 'README.md', false],
];

for (const [patterns, path, expected] of rows)
  test(`${JSON.stringify(patterns)} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
    assert.equal(pathMatcher(patterns)(path), expected);
  });

test('the default files are the rollout files of core, in any case', () => {
  const paths: [string, boolean][] = [
    ['rollouts/fraud.rollout.yaml', true],
    ['rollouts/EU.Rollout.YML', true],
    ['A.ROLLOUT.JSON', true],
    ['rollouts/fraud.rollout.yaml.bak', false],
    ['compose.yaml', false],
  ];
  const anyCase = globToRegExp(rolloutGlobAnyCase);
  for (const [path, expected] of paths) {
    assert.equal(isRolloutFile(path), expected, `isRolloutFile ${path}`);
    assert.equal(pathMatcher(defaultFiles)(path), expected, `default files ${path}`);
    assert.equal(anyCase.test(path), expected, `rolloutGlobAnyCase, case-sensitive ${path}`);
  }
});
