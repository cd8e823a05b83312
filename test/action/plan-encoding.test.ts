import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { headSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// A rollout file that is not UTF-8: read as UTF-8, a Latin-1 'é' would become U+FFFD in the alarm name planned,
// with no finding. However the action reads it (the checkout, or the contents API on pull_request_target, as base64
// or its blob past 1 MB), it is one yaml-syntax error at the first byte that is not UTF-8, and no plan.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const path = 'rollouts/fraud.rollout.yaml';
const latin1 = Buffer.from(canary.replace('fraud-latency-p99', 'fraud-latency-p99-caf\u00e9'), 'latin1');
const line = canary.split('\n').findIndex((l) => l.includes('fraud-latency-p99')) + 1;
const column = (canary.split('\n')[line - 1] ?? '').indexOf('fraud-latency-p99') + 22;
// Past 1 MB the contents API leaves the content out, and the action reads the file's blob: base64 in JSON, so the
// bytes arrive as written (the raw media type, answered with charset=utf-8, is decoded by Octokit as text).
const padding = Buffer.from(`${'# padding\n'.repeat(110_000)}`, 'utf8');

const cases: {
  name: string;
  eventName?: string;
  workspace: Record<string, Uint8Array>;
  head?: Uint8Array;
}[] = [
  { name: 'in the checkout', workspace: { [path]: latin1 } },
  { name: 'through the contents API', eventName: 'pull_request_target', workspace: {}, head: latin1 },
  {
    name: 'through the contents API, its blob (over 1 MB)',
    eventName: 'pull_request_target',
    workspace: {},
    head: Buffer.concat([padding, latin1]),
  },
];

for (const c of cases)
  test(`plan mode: a file that is not UTF-8 ${c.name} is one yaml-syntax error at its first invalid byte`, async () => {
    const github = await startGitHubDouble({
      files: [{ filename: path, status: 'added' }],
      ...(c.head && { contents: { [headSha]: { [path]: c.head } } }),
    });
    try {
      const run = await runAction({
        inputs: { mode: 'plan', 'github-token': 'ghs_test' },
        workspace: c.workspace,
        ...(c.eventName && { eventName: c.eventName }),
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: github.url },
      });
      const at = c.head && c.head.length > latin1.length ? line + 110_000 : line;
      assert.equal(run.code, 1, run.stdout);
      assert.equal(run.outputs.outcome, 'invalid');
      assert.match(
        run.stdout,
        new RegExp(
          `::error title=Shiftwise yaml-syntax.*file=rollouts/fraud\\.rollout\\.yaml,line=${at},endLine=${at},col=${column},.*::the byte 0xE9 is not UTF-8`,
        ),
      );
      const body = github.comments[0]?.body ?? '';
      assert.match(body, /rollouts\/fraud\.rollout\.yaml — 1 error: not planned/);
      assert.doesNotMatch(body, /\ufffd|fraud-latency-p99-caf/);
    } finally {
      await github.stop();
    }
  });
