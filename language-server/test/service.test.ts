// The language service as plain functions, no transport: tables of `|`-marked fixtures, as in actions/languageservices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countFindings, editorStatus, renderPreviewBody } from '@shiftwise/core';
import {
  analyze,
  codeActions,
  codeLenses,
  completion,
  cursorContext,
  documentSymbols,
  hover,
  showPlan,
} from '../src/index.js';
import { applyEdits, canary60, cursor } from './documents.js';

const uri = 'file:///w/fraud.rollout.yaml';
const valid = canary60.replace('60%', '25%');

test('cursor contexts: key, value or list item, with the parent path', () => {
  const cases: [marked: string, expected: ReturnType<typeof cursorContext>][] = [
    ['|', { kind: 'key', parent: '', from: 0, quoted: false }],
    ['version: 1\npro|', { kind: 'key', parent: '', from: 11, quoted: false }],
    ['strategy:\n  ty|', { kind: 'key', parent: 'strategy', from: 12, quoted: false }],
    ['strategy:\n  # a comment\n\n  |', { kind: 'key', parent: 'strategy', from: 27, quoted: false }],
    ['strategy:\n  type: c|', { kind: 'value', path: 'strategy.type', from: 18, quoted: false }],
    ["provider: '|", { kind: 'value', path: 'provider', from: 11, quoted: true }],
    ['rollback:\n  alarms: [a, |', { kind: 'item', path: 'rollback.alarms', from: 24, quoted: false }],
    ['rollback:\n  alarms:\n    - x|', { kind: 'item', path: 'rollback.alarms', from: 26, quoted: false }],
    ['name: x # a comment |', undefined],
    // The first line of a list item whose key is written: that key's value, not a new item.
    ['steps:\n  - pause: |', { kind: 'value', path: 'steps.pause', from: 18, quoted: false }],
    ['steps:\n  - {pause: m|', { kind: 'value', path: 'steps.pause', from: 19, quoted: false }],
    ['steps:\n  - {pause: 1m, |', { kind: 'key', parent: 'steps', from: 23, quoted: false, flow: true }],
    ['{"strategy": {"ty|', { kind: 'key', parent: 'strategy', from: 15, quoted: true }],
    ['{"strategy": {"type": "c|', { kind: 'value', path: 'strategy.type', from: 23, quoted: true }],
    ['{"rollback": {"alarms": ["a", "|', { kind: 'item', path: 'rollback.alarms', from: 31, quoted: true }],
    ['{"version": 1, |', { kind: 'key', parent: '', from: 15, quoted: false }],
    // A YAML flow mapping at the root, its keys plain: the value of `provider`, not a key.
    ['{version: 1, provider: |', { kind: 'value', path: 'provider', from: 23, quoted: false }],
    ['{version: 1, strategy: {ty|', { kind: 'key', parent: 'strategy', from: 24, quoted: false }],
    ["{version: 1, 'provider': |", { kind: 'value', path: 'provider', from: 25, quoted: false }],
  ];
  for (const [marked, expected] of cases) {
    const { text, offset } = cursor(marked);
    assert.deepEqual(cursorContext(text, offset), expected, marked);
  }
});

/** Labels completion offers at the `|` of `marked`. */
function labels(marked: string, options = {}): string[] {
  const { text, position } = cursor(marked);
  return completion(analyze(uri, text), position, options).items.map((i) => i.label);
}

test('completion offers the keys that fit the provider and strategy and are not there yet', () => {
  const strategyKeys = labels(valid.replace('  bake: 10m\n', '  |\n'));
  assert.deepEqual(strategyKeys, ['bake']);
  const linear = labels(valid.replace('type: canary\n  size: 25%\n  bake: 10m\n', 'type: linear\n  |\n'));
  assert.deepEqual(linear.sort(), ['bake', 'step']);
  const vertex = labels('version: 1\nprovider: vertex-ai\nstrategy:\n  type: rolling\n  |\n');
  assert.deepEqual(vertex.sort(), ['maxSurge', 'maxUnavailable']);
  const root = labels(valid.replace('timeout: 1h\n', '|\n'));
  assert.ok(root.includes('timeout') && !root.includes('version') && !root.includes('project'), root.join());
});

test('completion of values: strategy types, providers, durations', () => {
  assert.deepEqual(labels('version: 1\nprovider: |'), ['sagemaker', 'vertex-ai']);
  assert.deepEqual(labels('version: 1\nprovider: vertex-ai\nstrategy:\n  type: |'), ['rolling', 'steps']);
  assert.ok(labels(valid.replace('bake: 10m', 'bake: |')).includes('10m'));
});

test('completion of alarms offers names used in the workspace', () => {
  const text = valid.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, |]');
  assert.deepEqual(labels(text, { knownAlarms: ['b-alarm', 'a-alarm', 'b-alarm'] }), ['a-alarm', 'b-alarm']);
  // Names the alarm-name rule rejects in the file they come from are not offered: blank, a control character, too long.
  const broken = [' ', 'a\u0000b', 'bell\u0007', 'two\nlines', 'x'.repeat(256), 'ok'];
  assert.deepEqual(labels(text, { knownAlarms: broken }), ['ok']);
});

test('a strategy snippet per type, indented under the cursor line', () => {
  const { text, position } = cursor('version: 1\nprovider: sagemaker\n|');
  const items = completion(analyze(uri, text), position).items.filter((i) =>
    i.label.startsWith('strategy ('),
  );
  assert.deepEqual(
    items.map((i) => i.label),
    [
      'strategy (all-at-once)',
      'strategy (canary)',
      'strategy (linear)',
      'strategy (rolling)',
      'strategy (retain)',
      'strategy (steps)',
    ],
  );
  const canary = items.find((i) => i.label === 'strategy (canary)');
  assert.equal(
    (canary!.textEdit as { newText: string }).newText,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet placeholders, not a template
    'strategy:\n  type: canary\n  size: ${1:10%}\n  bake: ${2:10m}',
  );
});

test('hover normalises the value: 25% of 4 is 1 instance; 10m is 600 s', () => {
  const at = (needle: string) => {
    const { text, position } = cursor(valid.replace(needle, `|${needle}`));
    const h = hover(analyze(uri, text), position);
    return (h!.contents as { value: string }).value;
  };
  assert.match(at('25%'), /1 instance of 4 \(25% of traffic\)/);
  assert.match(at('bake'), /600 s \(10m\)/);
  assert.match(at('alarms'), /2 alarms/);
  assert.equal(hover(analyze(uri, valid), { line: 99, character: 0 }), null);
});

test('the capacity setting is a default: the file’s own capacity wins', () => {
  assert.equal(analyze(uri, valid, { capacity: 10 }).capacity, 4);
  assert.equal(analyze(uri, valid.replace('capacity: 4\n', ''), { capacity: 10 }).capacity, 10);
  assert.equal(analyze(uri, valid.replace('capacity: 4\n', ''), { capacity: 0 }).capacity, undefined);
});

test('a capacity setting core does not check with (outside 1–10000) does not plan either', () => {
  // A linear step of 1 instance: an error for any capacity over 10, so a plan must never be drawn from it.
  const linear = valid
    .replace('capacity: 4\n', '')
    .replace('type: canary\n  size: 25%', 'type: linear\n  step: 1');
  const cases: [setting: number, capacity: number | undefined, lens: RegExp][] = [
    [20, 20, /^No plan: /],
    [10_000, 10_000, /^No plan: /],
    [10_001, undefined, /^\d+ steps? · /],
    [100_000, undefined, /^\d+ steps? · /],
    [Number.MAX_SAFE_INTEGER, undefined, /^\d+ steps? · /],
  ];
  for (const [setting, capacity, lens] of cases) {
    const analysis = analyze(uri, linear, { capacity: setting });
    assert.equal(analysis.capacity, capacity, `capacity ${setting}`);
    const title = codeLenses(analysis)[0]?.command?.title ?? '';
    assert.match(title, lens, `capacity ${setting}`);
    assert.doesNotMatch(title, /peak \d{5,}/, `capacity ${setting}`);
  }
});

test('code actions: each fix applied removes its diagnostic', () => {
  const cases = [
    canary60,
    valid.replace('bake:', 'bak:'),
    valid.replace('size: 25%', 'step: 25%'),
    valid.replace('endpoint: fraud-detector-prod\n', ''),
    valid.replace('bake: 10m', 'bake: 2h'),
  ];
  for (const text of cases) {
    const analysis = analyze(uri, text);
    const found = analysis.validation.diagnostics.filter((d) => d.fixes?.length);
    assert.ok(found.length > 0, `a fix for:\n${text}`);
    for (const d of found) {
      const range = {
        start: analysis.index.positionAt(d.range.start),
        end: analysis.index.positionAt(d.range.end),
      };
      for (const action of codeActions(analysis, range)) {
        const fixed = applyEdits(text, action.edit?.changes?.[uri] ?? []);
        const left = analyze(uri, fixed).validation.diagnostics.filter((x) => x.code === d.code);
        assert.ok(
          left.length < analysis.validation.diagnostics.filter((x) => x.code === d.code).length,
          action.title,
        );
      }
    }
  }
});

test('code lens, showPlan and symbols on a file that does not parse', () => {
  const broken = analyze(uri, 'version: [\n');
  assert.deepEqual(codeLenses(broken), []);
  assert.equal(showPlan(broken).plan, undefined);
  assert.ok(Array.isArray(documentSymbols(broken)));
});

test('the code lens command: showPlan with the document, or a client preview without arguments', () => {
  const analysis = analyze(uri, valid);
  assert.deepEqual(codeLenses(analysis)[0]?.command?.arguments, [uri]);
  const preview = codeLenses(analysis, { command: 'shiftwise.previewSchedule' })[0]?.command;
  assert.deepEqual([preview?.command, preview?.arguments], ['shiftwise.previewSchedule', []]);
});

test('showPlan answers every view of the plan in core words: the lens headline, the status bar, the preview', () => {
  const analysis = analyze(uri, valid);
  const result = showPlan(analysis);
  const planned = analysis.plan();
  assert.ok(planned);
  assert.equal(result.summary, codeLenses(analysis)[0]?.command?.title);
  assert.deepEqual(result.status, editorStatus(countFindings(analysis.validation.diagnostics), planned));
  assert.equal(
    result.previewHtml,
    renderPreviewBody({
      fileName: 'fraud.rollout.yaml',
      plan: planned,
      problems: countFindings(analysis.validation.diagnostics),
    }),
  );
  const broken = showPlan(analyze(uri, 'version: [\n'));
  assert.equal(broken.summary, undefined);
  assert.match(broken.previewHtml, /No schedule yet/);
  assert.equal(broken.status.verdict, 'error');
});

test('a file with errors shows no plan on any face, as the CLI: lens, status bar, preview, markdown', () => {
  const analysis = analyze(uri, canary60);
  assert.ok(analysis.plan(), 'the file parses into a rollout');
  const result = showPlan(analysis);
  assert.equal(result.plan, undefined);
  assert.equal(result.summary, undefined);
  assert.equal(codeLenses(analysis)[0]?.command?.title, 'No plan: 1 error; fix it to see the plan');
  assert.equal(result.status.text, '1 error');
  assert.match(result.status.tooltip, /No plan until the errors are fixed/);
  assert.match(result.markdown, /^No plan: 1 error; fix it to see the plan/);
  assert.doesNotMatch(result.previewHtml, /class="timeline"/);
});

test('completion in a step offers the keys of its own kind: no pause beside traffic, no traffic or bake beside pause', () => {
  const steps =
    'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 4\nstrategy:\n  type: steps\n  steps:\n';
  assert.deepEqual(labels(`${steps}    - traffic: 5%\n      |\n`), ['bake']);
  assert.deepEqual(labels(`${steps}    - pause: manual\n      |\n`), []);
  assert.deepEqual(labels(`${steps}    - |\n`).sort(), ['bake', 'pause', 'traffic']);
});
