import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitHubDouble } from '../support/github-double.js';

// Runs the committed bundle exactly as the runner does: a node process with INPUT_* variables, the event payload
// on disk, and the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files it appends to. SHIFTWISE_ACTION_BUNDLE names another
// build's index.js (a build of the sources into a scratch folder) to try a source change before action/dist is
// rebuilt; bundle.test.ts checks the committed one either way.

export const bundle =
  process.env.SHIFTWISE_ACTION_BUNDLE ||
  fileURLToPath(new URL('../../action/dist/index.js', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Wall-clock milliseconds of the whole process (for the report, never asserted). */
  readonly millis: number;
}

export interface RunOptions {
  /** `with:` of the step; keys as in action.yml. */
  readonly inputs: Record<string, string>;
  /** The checkout: repository-relative path → text (or bytes, for a file that is not UTF-8). */
  readonly workspace?: Record<string, string | Uint8Array>;
  /** Symlinks in the checkout: repository-relative path → target. */
  readonly symlinks?: Record<string, string>;
  readonly eventName?: string;
  readonly event?: unknown;
  readonly env?: Record<string, string>;
  /** Kills the process after this many ms (a test bound); default 60 s. */
  readonly timeoutMs?: number;
  /** Sends `signal` once stdout matches `when`, as the runner does when a workflow run is cancelled. */
  readonly interrupt?: { readonly when: RegExp; readonly signal: NodeJS.Signals };
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-action-'));
  try {
    const workspace = join(dir, 'workspace');
    await mkdir(workspace);
    for (const [path, text] of Object.entries(options.workspace ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), text);
    }
    for (const [path, target] of Object.entries(options.symlinks ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await symlink(target, join(workspace, path));
    }
    const files = {
      output: join(dir, 'output'),
      summary: join(dir, 'summary'),
      event: join(dir, 'event.json'),
    };
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    await writeFile(files.event, JSON.stringify(options.event ?? {}));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      ...Object.fromEntries(
        Object.entries(options.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
      ),
      ...options.env,
    };
    const started = performance.now();
    const { code, stdout, stderr } = await spawnBundle(
      env,
      workspace,
      options.timeoutMs ?? 60_000,
      options.interrupt,
    );
    const millis = performance.now() - started;
    return {
      code,
      stdout,
      stderr,
      millis,
      outputs: parseOutputs(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnBundle(
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  interrupt: RunOptions['interrupt'],
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (c) => {
      stdout += c;
      if (interrupt && !interrupted && interrupt.when.test(stdout)) {
        interrupted = true;
        child.kill(interrupt.signal);
      }
    });
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `name<<DELIM\nvalue\nDELIM\n` blocks, as @actions/core writes them to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(block)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

/** A `pull_request` event payload (trimmed from a real `synchronize` delivery: the fields actions read). */
export function pullRequestEvent(number = 7): unknown {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      url: `https://api.github.com/repos/owner/repo/pulls/${number}`,
      html_url: `https://github.com/owner/repo/pull/${number}`,
      number,
      state: 'open',
      title: 'Canary 25% → 50%',
      user: { login: 'octocat', type: 'User' },
      head: {
        label: 'octocat:bigger-canary',
        ref: 'bigger-canary',
        sha: 'c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe',
        repo: { full_name: 'owner/repo', fork: false },
      },
      base: {
        label: 'owner:main',
        ref: 'main',
        sha: 'ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e',
        repo: { full_name: 'owner/repo', fork: false },
      },
    },
    repository: { name: 'repo', full_name: 'owner/repo', owner: { login: 'owner' } },
    sender: { login: 'octocat', type: 'User' },
  };
}

export const baseSha = 'ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e';
export const headSha = 'c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe';

/**
 * The comment the bundled action writes (plan mode) on a pull request that changes `path` from `base` (on the base
 * branch; absent: a new file) to `head`, against a fresh GitHub double, and the run (its exit code is the
 * caller's to check). Fails unless exactly one comment is written.
 */
export async function pullRequestComment(
  path: string,
  base: string | undefined,
  head: string,
): Promise<{ body: string; run: ActionRun }> {
  const github = await startGitHubDouble({
    files: [{ filename: path, ...(base === undefined && { status: 'added' }) }],
    ...(base !== undefined && { contents: { [baseSha]: { [path]: base } } }),
  });
  try {
    const run = await runAction({
      inputs: { mode: 'plan', 'github-token': 'ghs_test' },
      workspace: { [path]: head },
      event: pullRequestEvent(7),
      env: { GITHUB_API_URL: github.url },
    });
    if (github.comments.length !== 1)
      throw new Error(`expected one comment, got ${github.comments.length}: ${run.stdout}${run.stderr}`);
    return { body: github.comments[0]?.body ?? '', run };
  } finally {
    await github.stop();
  }
}
