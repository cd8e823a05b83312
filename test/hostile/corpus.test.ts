import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The hostile corpus: rollout files built to break Shiftwise or the text it writes, run through the CLI as a
// process. Every file in this folder is a case except this test, `*.expected` and `*.md`. Next to each case
// `<file>.expected` holds what must happen, as JSON:
//
//   { "validate": 1, "plan": 1, "finding": "resource-name", "proseExcludes": ["www.evil.example"] }
//
//   validate       exit code of `shiftwise validate <file> --format json` (0, 1 or 2)
//   plan           exit code of `shiftwise plan <file> --format markdown` (0, 1 or 2)
//   finding        a code validate reports for the file; null when it reports nothing at all
//   proseExcludes  optional: strings plan's markdown must not hold outside code (a live link, a mention)
//
// For every case, whatever it holds: exit codes are 0, 1 or 2 only, and stderr never shows a stack trace.
// Adding a case is adding two files: `my-case.rollout.yaml` and `my-case.rollout.yaml.expected`.

interface Expected {
  readonly validate: number;
  readonly plan: number;
  readonly finding: string | null;
  readonly proseExcludes?: readonly string[];
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const folder = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const cases = readdirSync(folder)
  .filter((f) => !/\.(expected|md|ts)$/.test(f))
  .sort();
const results = new Map<string, { validate: Run; plan: Run }>();

/** `shiftwise ARGS` from the sources, as a process in the repository root. */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'cli/src/bin.ts'), ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

before(async () => {
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const file = cases[next++] as string;
      const path = join('test/hostile', file);
      const [validate, plan] = await Promise.all([
        cli(['validate', path, '--format', 'json']),
        cli(['plan', path, '--format', 'markdown']),
      ]);
      results.set(file, { validate, plan });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
});

test('every case has its .expected, and every .expected its case', () => {
  const expected = readdirSync(folder).filter((f) => f.endsWith('.expected'));
  assert.deepEqual(
    cases.filter((f) => !expected.includes(`${f}.expected`)),
    [],
    'cases without a .expected',
  );
  assert.deepEqual(
    expected.filter((f) => !cases.includes(f.replace(/\.expected$/, ''))),
    [],
    '.expected files without a case',
  );
});

for (const file of cases)
  test(`hostile corpus: ${file}`, () => {
    const expected = JSON.parse(readFileSync(join(folder, `${file}.expected`), 'utf8')) as Expected;
    const { validate, plan } = results.get(file) ?? assert.fail('not run');
    for (const [name, run] of [
      ['validate', validate],
      ['plan', plan],
    ] as const) {
      assert.ok([0, 1, 2].includes(run.code ?? -1), `${name} exited ${run.code}\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /^\s+at .*:\d+:\d+\)?$/m, `${name} printed a stack trace`);
    }
    assert.equal(validate.code, expected.validate, `validate's exit code\n${validate.stderr}`);
    assert.equal(plan.code, expected.plan, `plan's exit code\n${plan.stderr}`);
    const codes = findingCodes(validate.stdout);
    if (expected.finding === null) assert.deepEqual(codes, [], 'validate reports nothing');
    else assert.ok(codes.includes(expected.finding), `expected ${expected.finding}, got ${codes.join(', ')}`);
    const prose = withoutCode(plan.stdout);
    for (const text of expected.proseExcludes ?? [])
      assert.ok(!prose.includes(text), `plan's markdown holds ${JSON.stringify(text)} outside code`);
  });

/** The codes of `validate --format json`'s diagnostics; none when its stdout is not that JSON. */
function findingCodes(stdout: string): string[] {
  try {
    const json = JSON.parse(stdout) as { files?: { diagnostics?: { code?: unknown }[] }[] };
    return (json.files ?? []).flatMap((f) => (f.diagnostics ?? []).map((d) => String(d.code)));
  } catch {
    return [];
  }
}

/** Markdown without fenced code blocks and code spans, where GitHub neither links nor mentions. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[`~]*\s*$/gm, '').replace(/(`+)[^`]*?\1/g, '');
}
