import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { pullRequestComment, repoRoot } from './run-action.js';

// One renderer of "the plan as the pull request sees it": the bundled action's sticky comment and
// `shiftwise plan FILE --base FILE --format markdown`, each run as its own process on the same file pair, give
// the same body. Only what the CLI cannot know differs: the hidden marker line and the footer's head commit.

const path = 'rollouts/fraud.rollout.yaml';
const canary = await readFile(join(repoRoot, 'examples/sagemaker-canary.rollout.yaml'), 'utf8');
const vertex = await readFile(join(repoRoot, 'examples/vertex-rolling.rollout.yaml'), 'utf8');

// [name, base text, head text]
const pairs: [string, string, string][] = [
  ['a bigger canary', canary, canary.replace('size: 25%', 'size: 50%')],
  ['a warning', canary, canary.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, fraud-5xx]')],
  ['an error: not planned', canary, canary.replace('size: 25%', 'size: 60%')],
  ['Vertex AI, unchanged', vertex, vertex],
];

for (const [name, base, head] of pairs)
  test(`the action's comment and shiftwise plan --base --format markdown are one body: ${name}`, async () => {
    const [action, cli] = await Promise.all([actionComment(base, head), cliMarkdown(base, head)]);
    assert.match(action, /^<!-- shiftwise-plan -->\n/);
    assert.match(action, /\n<sub>Shiftwise plan for [0-9a-f]{7}\. This comment is updated in place/);
    assert.match(cli, /\n<sub>Shiftwise plan\.<\/sub>\n$/);
    assert.equal(withoutMarkerAndFooter(cli), withoutMarkerAndFooter(action));
  });

function withoutMarkerAndFooter(body: string): string {
  return body.replace(/^<!-- shiftwise-plan -->\n/, '').replace(/<sub>Shiftwise plan[^\n]*<\/sub>\n$/, '');
}

/** The comment the bundled action writes on a pull request that changes `path` from `base` to `head`. */
async function actionComment(base: string, head: string): Promise<string> {
  return (await pullRequestComment(path, base, head)).body;
}

/** What `shiftwise plan <path> --base <base> --format markdown` prints, run from the CLI's sources. */
async function cliMarkdown(base: string, head: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-same-body-'));
  try {
    await mkdir(join(dir, dirname(path)), { recursive: true });
    await writeFile(join(dir, path), head);
    await writeFile(join(dir, 'base.rollout.yaml'), base);
    const args = [path, '--base', 'base.rollout.yaml', '--format', 'markdown'];
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          '--conditions=source',
          join(repoRoot, 'cli/src/bin.ts'),
          'plan',
          ...args,
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
