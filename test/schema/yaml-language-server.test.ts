// What an editor without Shiftwise sees: yaml-language-server 2.0.0 (the npm package, over stdio, as VS Code's
// YAML extension runs it) given core/schema/rollout.schema.json, over every file of the rules corpus. Per rule
// code: does it flag the line Shiftwise flags? Every rule a JSON Schema can express must be flagged; the codes it
// cannot express are listed below with the reason. The table is printed and kept in docs/schema.md
// (SHIFTWISE_WRITE_SCHEMA=1 rewrites it). Files Shiftwise accepts must get no error from the schema either.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { type Client, startClient, withTimeout } from '../../language-server/test/lsp-client.js';

const repoRoot = join(import.meta.dirname, '../..');
const corpus = join(repoRoot, 'core/testdata/rules');
const docsFile = join(repoRoot, 'docs/schema.md');
const node24 = join(repoRoot, '.cache/node24/bin/node');
/** yaml-language-server 2 needs Node ≥ 22 (scripts/setup-system.sh puts Node 24 in .cache/node24). */
const node = existsSync(node24) ? node24 : process.execPath;
const require = createRequire(join(repoRoot, 'test/package.json'));
const yamlServer = join(require.resolve('yaml-language-server/package.json'), '../bin/yaml-language-server');
const schemaUri = pathToFileURL(join(repoRoot, 'core/schema/rollout.schema.json')).href;

/** Rule codes no JSON Schema can check, and why. Everything else must be flagged on the line Shiftwise flags. */
export const notExpressible: Record<string, string> = {
  'alarm-duplicate':
    'uniqueness of list items is uniqueItems, but Shiftwise only warns; a schema cannot warn',
  'analysis-expression':
    'the metric-math grammar (names, operators, parentheses) is beyond a regular expression',
  'analysis-period': "a whole number of minutes: no clean pattern says that '90s' or '1m30s' is not one",
  'analysis-query': "exactly one of 'metric' and 'expression' with messages per case is left to the rule",
  'analysis-threshold':
    "'max' or 'min' required together with the check's other fields is left to the rule (failureLimit's 1–100 is in the schema)",
  'duplicate-key':
    "the parser's finding: a schema sees the mapping after one key was kept (yaml-language-server's parser reports it)",
  'json-syntax': "the parser's finding, not the schema's (yaml-language-server's parser reports some)",
  'yaml-syntax': "the parser's finding, not the schema's (yaml-language-server's parser reports some)",
  'multi-document': 'a schema validates one document',
  'no-alarms': 'a warning: a schema has no severities',
  rounding: 'a warning that depends on the capacity',
  'vertex-outage': 'a warning that depends on the capacity',
  'timeout-budget': 'a sum over fields (bakes, steps, capacity) compared with the timeout',
  'steps-order': 'traffic strictly increasing across list items',
  'steps-gate': 'where gates sit relative to traffic steps',
  'steps-wait':
    'sums of bakes and pauses across list items (the bounds of one bake or pause are in the schema)',
};

const capacity =
  'a count held to a share of the capacity (or copies) in the same file: a schema cannot compare two values';

/**
 * Cases of expressible rules that the schema still cannot catch, and why (the rest of the rule is in the schema:
 * percent bounds, the largest count). Case name → reason.
 */
export const beyondSchema: Record<string, string> = {
  'analysis-metric-unknown': 'the second finding is a metric name inside an expression (metric math)',
  'bake-range-above-max-string': "'1h1s': a duration of several units is held to each unit's maximum only",
  'canary-size-capacity-one': 'capacity 1 leaves no canary of 1–50%: depends on the capacity',
  'canary-size-count-over-half': capacity,
  'linear-step-capacity-one': 'capacity 1 leaves no step of 10–50%: depends on the capacity',
  'linear-step-count-above-max-share': capacity,
  'linear-step-count-below-min-share': capacity,
  'rolling-batch-count-above-max-share': capacity,
  'rolling-batch-count-below-min-share': capacity,
  'component-batch-count-above-max-share': capacity,
  'rollback-batch-count-above-capacity': capacity,
  'component-rollback-batch-above-copies': capacity,
  'vertex-surge-rounds-to-zero': 'a percent that rounds to zero replicas: depends on the capacity',
  'empty-file': 'yaml-language-server validates no empty document',
  'analysis-name-duplicate':
    'distinct names across list items (uniqueness of one property) is beyond a schema',
  'vertex-steps-others-no-previous':
    "the schema says it (if otherDeployedModels then required previousDeployedModel), but yaml-language-server reports 'Missing property' on the mapping's first line, not on otherDeployedModels (and supports no dependentRequired)",
  'vertex-steps-previous-in-others':
    'previousDeployedModel among otherDeployedModels: comparing two values is beyond a schema',
};

interface Finding {
  readonly line: number;
  readonly code: string;
}

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly Finding[];
  readonly uri: string;
}

function cases(): Case[] {
  return readdirSync(corpus)
    .filter((f) => /\.rollout\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => {
      const name = f.replace(/\.rollout\.(ya?ml|json)$/, '');
      const expected = readFileSync(join(corpus, `${name}.expected`), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => {
          const m = /^(\d+):(\d+) (\w+) ([\w-]+) /.exec(l);
          assert.ok(m, `${name}.expected: ${l}`);
          return { line: Number(m[1]), code: m[4] as string };
        });
      return { name, text: readFileSync(join(corpus, f), 'utf8'), expected, uri: `file:///corpus/${f}` };
    });
}

const yamlSettings = {
  schemas: { [schemaUri]: ['*.rollout.yaml', '*.rollout.yml', '*.rollout.json'] },
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};

let client: Client;
before(async () => {
  client = await startClient({
    command: node,
    args: [yamlServer, '--stdio'],
    rootUri: null,
    configuration: (s) => (s === 'yaml' ? yamlSettings : null),
  });
});
after(async () => client?.stop());

/** Opens a document and returns yaml-language-server's diagnostics for it. */
async function diagnose(uri: string, text: string): Promise<Diagnostic[]> {
  const published = await withTimeout(client.open(uri, text), 30_000, 'yaml-language-server');
  return published.diagnostics;
}

/** Whether a diagnostic starts on the (1-based) line: a finding on a whole mapping does not count for its lines. */
function onLine(d: Diagnostic, line: number): boolean {
  return d.range.start.line + 1 === line;
}

type Verdict = 'yes' | 'partly' | 'no' | 'not expressible';

interface Row {
  readonly code: string;
  readonly flagged: number;
  readonly total: number;
  readonly verdict: Verdict;
  readonly missed: string[];
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| rule code | flagged by yaml-language-server | findings flagged | why not |',
    '| --- | --- | ---: | --- |',
  ];
  for (const r of rows) {
    const why =
      r.verdict === 'not expressible'
        ? (notExpressible[r.code] ?? '')
        : r.missed.map((m) => `${m}: ${beyondSchema[m] ?? 'NOT FLAGGED'}`).join('; ');
    lines.push(`| \`${r.code}\` | ${r.verdict} | ${r.flagged} of ${r.total} | ${why} |`);
  }
  return lines.join('\n');
}

test('yaml-language-server with the schema flags every rule a schema can express, on the line Shiftwise flags', async () => {
  const all = cases();
  const results = await Promise.all(
    all.map(async (c) => ({ c, diagnostics: await diagnose(c.uri, c.text) })),
  );
  const byCode = new Map<string, { flagged: number; total: number; missed: string[] }>();
  const falseAlarms: string[] = [];
  for (const { c, diagnostics } of results) {
    for (const f of c.expected) {
      const row = byCode.get(f.code) ?? { flagged: 0, total: 0, missed: [] };
      row.total++;
      if (diagnostics.some((d) => onLine(d, f.line))) row.flagged++;
      else row.missed.push(c.name);
      byCode.set(f.code, row);
    }
    const errors = diagnostics.filter((d) => d.severity === 1);
    if (c.expected.length === 0 && errors.length > 0)
      falseAlarms.push(
        `${c.name}: ${errors.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; ')}`,
      );
  }
  const rows: Row[] = [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, r]) => ({
      code,
      ...r,
      verdict:
        code in notExpressible
          ? 'not expressible'
          : r.flagged === r.total
            ? 'yes'
            : r.flagged === 0
              ? 'no'
              : 'partly',
    }));
  const rendered = table(rows);
  console.log(`\n${rendered}\n`);
  assert.deepEqual(falseAlarms, [], 'files Shiftwise accepts must get no schema error');
  const missing = rows.filter((r) => r.verdict === 'no' || r.verdict === 'partly');
  assert.deepEqual(
    missing.flatMap((r) => r.missed.filter((m) => !(m in beyondSchema)).map((m) => `${r.code}: ${m}`)),
    [],
    'findings yaml-language-server did not flag: make the schema say it (core/src/fields/schema.ts), or, if no JSON Schema can, list the code in notExpressible or the case in beyondSchema above, with why',
  );
  // Last, so that a finding the schema misses is reported before the table it changes.
  writeTable(rendered);
});

/** The reported cases, as a user writes them: flagged or not, on the value's line. */
const reported: { name: string; strategy: string; flagged: boolean }[] = [
  { name: 'canary 60%', strategy: 'type: canary\n  size: 60%\n  bake: 10m', flagged: true },
  { name: 'canary 150%', strategy: 'type: canary\n  size: 150%\n  bake: 10m', flagged: true },
  { name: 'canary 0%', strategy: 'type: canary\n  size: 0%\n  bake: 10m', flagged: true },
  { name: 'linear 60%', strategy: 'type: linear\n  step: 60%\n  bake: 10m', flagged: true },
  { name: 'rolling batch 60%', strategy: 'type: rolling\n  batch: 60%\n  bake: 10m', flagged: true },
  { name: 'bake 2h', strategy: 'type: canary\n  size: 10%\n  bake: 2h', flagged: true },
  { name: 'bake 10 minutes', strategy: 'type: canary\n  size: 10%\n  bake: 10 minutes', flagged: true },
  { name: 'bake 10m', strategy: 'type: canary\n  size: 10%\n  bake: 10m', flagged: false },
];

function reportedFile(strategy: string, timeout = '1h'): string {
  return `version: 1\nprovider: sagemaker\nendpoint: fraud\nendpointConfig: fraud-v2\ncapacity: 10\nstrategy:\n  ${strategy}\ntimeout: ${timeout}\nrollback:\n  alarms: [fraud-5xx]\n`;
}

test('the reported cases: 60% canary, linear step and rolling batch, bake 2h and timeout 5m are flagged; bake 10m is not', async () => {
  const files = [
    ...reported.map((r) => ({ ...r, text: reportedFile(r.strategy), line: 9 })),
    {
      name: 'timeout 5m',
      text: reportedFile('type: canary\n  size: 10%\n  bake: 1m', '5m'),
      flagged: true,
      line: 10,
    },
  ];
  for (const [i, f] of files.entries()) {
    const diagnostics = await diagnose(`file:///reported/case-${i}.rollout.yaml`, f.text);
    const line = f.name.startsWith('timeout')
      ? 10
      : f.text
          .split('\n')
          .findIndex((l) => /(size|step|batch|bake): .*(%|h|minutes)$/.test(l) && !l.endsWith('10%')) + 1;
    const found = line > 0 ? diagnostics.some((d) => onLine(d, line)) : diagnostics.length > 0;
    assert.equal(found, f.flagged, `${f.name}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    if (f.name === 'bake 10 minutes') {
      const message = diagnostics.map((d) => d.message).join('; ');
      assert.match(
        message,
        /Expected a duration of 0s–1h/,
        'a duration string that matches no pattern says what to write',
      );
      assert.doesNotMatch(message, /Incorrect type/);
    }
  }
});

test('a hover shows each example once', async () => {
  const text = reportedFile('type: canary\n  size: 10%\n  bake: 10m');
  const uri = 'file:///reported/hover.rollout.yaml';
  await diagnose(uri, text);
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 8, character: 4 },
  })) as { contents: { value: string } } | null;
  const value = hover?.contents.value ?? '';
  assert.match(value, /Bake time/);
  const examples = value.match(/Example:/g) ?? [];
  const blocks = value.match(/```yaml\n([^`]*)```/g) ?? [];
  assert.equal(new Set(blocks).size, blocks.length, `an example repeated:\n${value}`);
  assert.ok(examples.length <= 3, `${examples.length} examples:\n${value}`);
});

const begin = '<!-- yaml-language-server table: begin (test/schema/yaml-language-server.test.ts) -->';
const end = '<!-- yaml-language-server table: end -->';

/** Keeps the table in docs/schema.md; SHIFTWISE_WRITE_SCHEMA=1 rewrites it, else a stale table fails. */
function writeTable(rendered: string): void {
  const docs = readFileSync(docsFile, 'utf8');
  const from = docs.indexOf(begin);
  const to = docs.indexOf(end);
  assert.ok(from >= 0 && to > from, `docs/schema.md has no table markers (${begin})`);
  const next = `${docs.slice(0, from + begin.length)}\n\n${rendered}\n\n${docs.slice(to)}`;
  if (process.env.SHIFTWISE_WRITE_SCHEMA === '1') writeFileSync(docsFile, next);
  else
    assert.equal(
      docs,
      next,
      'docs/schema.md: the table is stale (the rules corpus or the schema changed): run SHIFTWISE_WRITE_SCHEMA=1 pnpm test test/schema',
    );
}
