import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { plan, renderPlanMarkdown, validateRollout } from '@shiftwise/core';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { validRolloutText } from '../core/test/plan/arbitrary.js';

// Every mermaid chart the markdown renderer writes must parse with mermaid's own parser: GitHub shows an error box
// in place of an invalid chart. Mermaid's sanitiser wants a DOM, which happy-dom provides.

type Mermaid = { parse(text: string): Promise<unknown> };
let mermaid: Mermaid;
let window: Window;

before(async () => {
  window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  mermaid = ((await import('mermaid')) as unknown as { default: Mermaid }).default;
});
after(() => window.happyDOM.close());

function charts(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

async function assertParses(markdown: string, context: string): Promise<void> {
  const found = charts(markdown);
  assert.equal(found.length, 1, `one chart in the plan of ${context}`);
  await mermaid
    .parse(found[0]!)
    .catch((error: Error) => assert.fail(`${context}: ${error.message}\n${found[0]}`));
}

test('the parser rejects a broken chart (so passing means something)', async () => {
  await assert.rejects(mermaid.parse('gantt\n  dateFormat X\n  section s\n  a task without data\n'));
});

test('the chart of every example parses', async () => {
  const folder = new URL('../examples/', import.meta.url);
  for (const name of readdirSync(folder).filter((f) => f.includes('.rollout.'))) {
    const { value } = validateRollout(readFileSync(new URL(name, folder), 'utf8'), { fileName: name });
    assert.ok(value, name);
    await assertParses(renderPlanMarkdown(plan(value)), name);
  }
});

test('charts of 300 random valid rollouts parse', async () => {
  await fc.assert(
    fc.asyncProperty(validRolloutText, async (text) => {
      await assertParses(renderPlanMarkdown(plan(validateRollout(text).value!)), text);
    }),
    { numRuns: 300 },
  );
});

test('a hostile name cannot break the chart', async () => {
  for (const name of [
    'a: b; c # d',
    '%%{init: {"theme": "dark"}}%%',
    'x\\nsection evil',
    '</details> @octocat',
    '',
  ]) {
    const text = `version: 1\nname: ${JSON.stringify(name)}\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 4\nstrategy:\n  type: canary\n  size: 25%\n  bake: 5m\ntimeout: 1h\nrollback:\n  alarms: [a]\n`;
    const { value } = validateRollout(text);
    assert.ok(value, name);
    await assertParses(renderPlanMarkdown(plan(value)), JSON.stringify(name));
  }
});
