// Start-up of the short-lived faces, as whole processes, against bare Node (`node -e 0`) measured in the same run:
// `shiftwise validate` and `shiftwise plan` of one file, `validate` of every example, and the action's plan mode
// on one file against the GitHub REST double, beside bare Node loading its TLS module. Each figure is the median
// of RUNS runs (default 11), the cases taking turns so that a busy machine slows them alike; CPU is user + sys of
// the child, memory its peak RSS (./support/child-usage.ts). Prints a table; never fails on a figure.
//
//   pnpm bench bench/startup.bench.ts
//   SHIFTWISE_BENCH_ROOT=/path/to/another/checkout pnpm bench bench/startup.bench.ts   (that checkout instead)
//   SHIFTWISE_BENCH_BEFORE=/path/to/older/checkout pnpm bench bench/startup.bench.ts   (both, taking turns in one
//     run, so that before and after meet the same machine; build the other with `node scripts/build.mjs cli`)
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pullRequestEvent } from '../test/action/run-action.js';
import { startGitHubDouble } from '../test/support/github-double.js';
import { median, method, type Usage, usageOf } from './support/child-usage.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = process.env.SHIFTWISE_BENCH_ROOT ?? repo;
const runs = Number(process.env.RUNS ?? 11);
const node24 = join(repo, '.cache/node24/bin/node');
const nodes = [
  { name: `node ${process.version}`, path: process.execPath },
  ...(existsSync(node24) ? [{ name: 'node 24 (.cache/node24)', path: node24 }] : []),
];
const canary = 'examples/sagemaker-canary.rollout.yaml';
// Every case runs without NODE_EXTRA_CA_CERTS, which some machines set (this development machine does; a GitHub
// runner does not): Node 20 reads that bundle of certificates as it starts (37 ms of CPU here, more than bare Node
// itself), Node 24 when it first loads TLS, so it would measure the machine's certificates, not Shiftwise.
const { NODE_EXTRA_CA_CERTS: _machineCertificates, ...environment } = process.env;

/** A case: the command after `node`, its environment, and the ratio to bare Node the issue asks for. */
interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly target?: number;
  readonly memoryTarget?: number;
}

const github = await startGitHubDouble({ files: [{ filename: 'rollouts/canary.rollout.yaml' }] });
const action = await actionWorkspace(github.url);
const before = process.env.SHIFTWISE_BENCH_BEFORE;
const cases: Case[] = [
  { name: 'bare node -e 0', args: ['-e', '0'], env: environment },
  // What any HTTPS client pays before its first request (Node loads TLS and reads its root certificates): the
  // action's floor, since the GitHub API is HTTPS even though the double it talks to here is plain HTTP.
  { name: 'node -e "require(\'https\')"', args: ['-e', "require('https')"], env: environment },
  ...casesOf(root, ''),
  ...(before === undefined ? [] : casesOf(before, ', before')),
];

/** The cases of one checkout, run in it; `label` names a second checkout measured in the same run. */
function casesOf(checkout: string, label: string): Case[] {
  const cli = join(checkout, 'cli/bin/shiftwise.js');
  return [
    {
      name: `shiftwise validate (1 file)${label}`,
      args: [cli, 'validate', canary],
      env: environment,
      cwd: checkout,
      target: 2.5,
      memoryTarget: 80,
    },
    {
      name: `shiftwise plan (1 file)${label}`,
      args: [cli, 'plan', canary],
      env: environment,
      cwd: checkout,
      target: 2.5,
    },
    {
      name: `shiftwise validate examples/${label}`,
      args: [cli, 'validate', 'examples'],
      env: environment,
      cwd: checkout,
      target: 3,
    },
    {
      name: `shiftwise validate (1 file), compile cache off${label}`,
      args: [cli, 'validate', canary],
      cwd: checkout,
      env: { ...environment, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
    {
      name: `action plan mode (1 file, GitHub double)${label}`,
      args: [join(checkout, 'action/dist/index.js')],
      env: action.env,
      cwd: action.workspace,
      target: 3,
      memoryTarget: 80,
    },
  ];
}

try {
  console.log(
    `root ${root}${before === undefined ? '' : `; before ${before}`}; ${runs} runs per case; CPU and memory by ${method}`,
  );
  for (const node of nodes) await measure(node);
} finally {
  await github.stop();
  await rm(action.dir, { recursive: true, force: true });
}

async function measure(node: { name: string; path: string }): Promise<void> {
  const samples = new Map<Case, Usage[]>(cases.map((c) => [c, []]));
  for (let run = -1; run < runs; run++) {
    for (const c of cases) {
      const usage = await usageOf([node.path, ...c.args], {
        cwd: c.cwd ?? root,
        ...(c.env && { env: c.env }),
      });
      if (usage.status !== 0) throw new Error(`${c.name} exited ${usage.status}`);
      if (run >= 0) samples.get(c)?.push(usage); // run -1 warms the disk cache and the CLI's code cache
    }
  }
  const bareRuns = samples.get(cases[0] as Case)?.map((u) => u.cpuMs) ?? [];
  const bare = median(bareRuns);
  console.log(`\n${node.name}`);
  console.log('| case | CPU ms | × bare | × bare within a round, p25–p75 | target | max RSS MiB | wall ms |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const [c, usages] of samples) {
    const cpu = median(usages.map((u) => u.cpuMs));
    // Each round runs every case once, one after another: its own ratio shows how far the machine's drift moves
    // the figure.
    const rounds = usages.map((u, i) => u.cpuMs / (bareRuns[i] as number)).sort((a, b) => a - b);
    const spread = `${quantile(rounds, 0.25).toFixed(2)}–${quantile(rounds, 0.75).toFixed(2)}`;
    const rss = median(usages.map((u) => u.maxRssMiB));
    const ratio = cpu / bare;
    const target = [
      c.target === undefined ? '' : `≤ ${c.target}× ${ratio <= c.target ? 'met' : 'NOT met'}`,
      c.memoryTarget === undefined
        ? ''
        : `≤ ${c.memoryTarget} MiB ${rss <= c.memoryTarget ? 'met' : 'NOT met'}`,
    ]
      .filter(Boolean)
      .join('; ');
    console.log(
      `| ${c.name} | ${cpu.toFixed(0)} | ${ratio.toFixed(2)} | ${spread} | ${target} | ${rss.toFixed(0)} | ${median(usages.map((u) => u.wallMs)).toFixed(0)} |`,
    );
  }
}

/** The `q` quantile of sorted `values`, read at the nearest rank. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] ?? Number.NaN;
}

/** A checkout with one rollout file and the environment the runner gives the action for a pull request. */
async function actionWorkspace(apiUrl: string) {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-bench-action-'));
  const workspace = join(dir, 'workspace');
  await mkdir(join(workspace, 'rollouts'), { recursive: true });
  await writeFile(join(workspace, 'rollouts/canary.rollout.yaml'), await readFile(join(repo, canary)));
  const event = join(dir, 'event.json');
  await writeFile(event, JSON.stringify(pullRequestEvent(7)));
  for (const f of ['output', 'summary']) await writeFile(join(dir, f), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'owner/repo',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: apiUrl,
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    INPUT_MODE: 'plan',
    'INPUT_GITHUB-TOKEN': 'ghs_bench',
  };
  return { dir, workspace, env };
}
