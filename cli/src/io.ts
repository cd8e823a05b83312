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

/**
 * Whether to color text for a stream: FORCE_COLOR decides when set ('0' is off); else a terminal, unless NO_COLOR
 * is set to anything but the empty string (no-color.org: an empty NO_COLOR is as if unset).
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return isTTY === true && !env.NO_COLOR;
}
