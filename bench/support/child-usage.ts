import { spawn, spawnSync } from 'node:child_process';

// What one whole process costs: CPU (user + sys) and peak resident memory as the kernel accounts them to the
// child when it is reaped (wait4's rusage), with microsecond CPU times. Node does not expose a child's rusage,
// so a few lines of Python spawn the command and reap it; Python's own start is not counted. Without python3,
// GNU time does the same with 10 ms CPU resolution.

/** One run of one command. */
export interface Usage {
  /** User + system CPU of the child, in milliseconds. */
  readonly cpuMs: number;
  /** Peak resident set size of the child, in MiB. */
  readonly maxRssMiB: number;
  /** Wall clock from spawn to exit, in milliseconds. */
  readonly wallMs: number;
  readonly status: number;
}

const reaper = `
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = child.stderr.read()
_, status, ru = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
sys.stderr.buffer.write(err[-2000:])
print(json.dumps({"cpu": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss, "wall": wall,
                  "status": os.waitstatus_to_exitcode(status)}))
`;

/** `python3` (µs CPU resolution) or `/usr/bin/time` (10 ms); the bench says which. */
export const method =
  spawnSync('python3', ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status === 0
    ? 'python3 os.wait4 rusage'
    : '/usr/bin/time -f';

/** Runs `command` once with `options` and returns what it cost. Asynchronous, so a server in this process can answer it. */
export function usageOf(
  command: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Usage> {
  const [program, args] =
    method === '/usr/bin/time -f'
      ? ['/usr/bin/time', ['-f', '{"cpu": %U+%S, "rss": %M, "wall": %e, "status": %x}', ...command]]
      : ['python3', ['-c', reaper, ...command]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args as string[], { cwd: options.cwd, env: options.env ?? process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', () => {
      const line = method === '/usr/bin/time -f' ? err.trim().split('\n').at(-1) : out.trim();
      try {
        const r = JSON.parse(
          (line ?? '').replace(/"cpu": ([\d.]+)\+([\d.]+)/, (_, u, s) => `"cpu": ${+u + +s}`),
        );
        resolve({ cpuMs: r.cpu * 1000, maxRssMiB: r.rss / 1024, wallMs: r.wall * 1000, status: r.status });
      } catch {
        reject(new Error(`${command.join(' ')}: no usage read\n${out}${err}`));
      }
    });
  });
}

/** The median of a list of numbers. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
