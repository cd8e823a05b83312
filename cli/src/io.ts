/** What a command may touch of the world, passed in so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /**
   * Read only for a `-` file argument (`shiftwise validate -`): the rollout piped in. `isTTY` when nobody piped
   * anything (the command refuses at once instead of waiting for a terminal to type a rollout); `fd` when it is the
   * process's own, whose size a redirected file (`< x.rollout.yaml`) has. Absent when the caller has none to give
   * (an in-process run that pipes nothing): `-` is then refused as a usage error.
   */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };
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
