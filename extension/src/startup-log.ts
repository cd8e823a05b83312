import type { LogOutputChannel } from 'vscode';

/**
 * The start-up milestones in the Shiftwise output, each with the milliseconds since activation, so a slow first
 * diagnostic can be split into its phases (activation, server start, first analysis; docs/extension.md):
 *
 *   activated
 *   starting the language server (the workspace holds rollout files) · +31 ms
 *   language server ready · +412 ms
 *   first diagnostics (fraud.rollout.yaml) · +480 ms
 */
export interface StartupLog {
  line(text: string): void;
  starting(reason: string): void;
  ready(): void;
  firstDiagnostics(path: string): void;
}

export function startupLog(output: LogOutputChannel, now: () => number = Date.now): StartupLog {
  const activated = now();
  let diagnosed = false;
  const line = (text: string) => {
    const at = now();
    output.info(`${text}${at === activated ? '' : ` · +${at - activated} ms`}`);
  };
  return {
    line,
    starting: (reason) => line(`starting the language server (${reason})`),
    ready: () => line('language server ready'),
    firstDiagnostics: (path) => {
      if (diagnosed) return;
      diagnosed = true;
      line(`first diagnostics (${path.slice(path.lastIndexOf('/') + 1)})`);
    },
  };
}
