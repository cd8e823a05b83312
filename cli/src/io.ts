/** What a command may touch of the world, passed in so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

/** Exit codes of README.md, "The CLI". */
export const Exit = {
  ok: 0,
  invalid: 1,
  usage: 2,
  rolledBack: 3,
  failed: 4,
  /** A Shiftwise-run rollout waits at a manual gate for `shiftwise promote`. */
  paused: 5,
} as const;

export type Command = (args: string[], io: CliIo) => Promise<number>;
