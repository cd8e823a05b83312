import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isRolloutFile, maxFleet, rolloutGlob } from '@shiftwise/core';

// VS Code reads some patterns from package.json before any code runs: they must name the files core's
// isRolloutFile names (tests may import core; the extension's sources may not).

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const names = [
  'fraud.rollout.yaml',
  'a.rollout.yml',
  'b.rollout.json',
  'EU.Rollout.YAML',
  'compose.yaml',
  'a.rollout.yaml.bak',
];

test('activation: a workspace with rollout files, by core glob', () => {
  assert.ok(manifest.activationEvents.includes(`workspaceContains:${rolloutGlob}`));
});

test("the menus' when clauses accept exactly the rollout files, in any case", () => {
  const menus = Object.values(manifest.contributes.menus).flat() as { when?: string }[];
  const clauses = [...new Set(menus.map((m) => m.when).filter((w) => w !== undefined))];
  assert.equal(clauses.length, 1, clauses.join('\n'));
  const [, source, flags] = clauses[0]!.match(/^resourceFilename =~ \/(.+)\/([a-z]*)$/) ?? [];
  assert.ok(source !== undefined, clauses[0]);
  const when = new RegExp(source, flags);
  for (const name of names) assert.equal(when.test(name), isRolloutFile(name), name);
});

test('the server is the only source of rollout-file diagnostics: no JSON or YAML schema validation contributed', () => {
  // VS Code's JSON service (and Red Hat's YAML extension) would report again what the server reports, in other
  // words: one typo, three problems. The server also answers hover and completion, so the schema adds nothing.
  assert.equal(manifest.contributes.jsonValidation, undefined);
  assert.equal(manifest.contributes.yamlValidation, undefined);
});

test('settings: workspace diagnostics on by default, the protocol trace off', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties['shiftwise.workspaceDiagnostics'].default, true);
  assert.equal(properties['shiftwise.trace.server'].default, 'off');
});

test('settings: the capacity takes what a file may state, 1–10000 (core: maxFleet); the server ignores any other', () => {
  const capacity = manifest.contributes.configuration.properties['shiftwise.capacity'];
  assert.deepEqual([capacity.minimum, capacity.maximum], [1, maxFleet]);
});
