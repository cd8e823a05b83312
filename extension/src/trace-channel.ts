import { EventEmitter, LogLevel, type LogOutputChannel, workspace } from 'vscode';

/**
 * The channel the language client writes the protocol trace to: `output` itself, except that the trace follows
 * `shiftwise.trace.server` as docs/extension.md says. The client traces only while its trace channel's log level is
 * Trace, and writes each line at that level, which a log output channel shows only when the user has also set
 * the channel to Trace ("Developer: Set Log Level…"): with the setting alone, nothing appeared. So this channel
 * reports Trace while the setting is `messages` or `verbose`, tells the client when that changes, and writes the
 * trace lines to `output` at info level, where they show.
 */
export function traceChannel(output: LogOutputChannel): LogOutputChannel & { dispose(): void } {
  const changed = new EventEmitter<LogLevel>();
  const tracing = () => workspace.getConfiguration('shiftwise').get<string>('trace.server', 'off') !== 'off';
  const level = () => (tracing() ? LogLevel.Trace : output.logLevel);
  const watch = workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('shiftwise.trace.server')) return;
    output.info(`protocol trace ${tracing() ? 'on' : 'off'} (shiftwise.trace.server)`);
    changed.fire(level());
  });
  const fromOutput = output.onDidChangeLogLevel(() => changed.fire(level()));
  return {
    name: output.name,
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    trace: (message, ...args) => {
      if (tracing()) output.info(message, ...args);
      else output.trace(message, ...args);
    },
    debug: (message, ...args) => output.debug(message, ...args),
    info: (message, ...args) => output.info(message, ...args),
    warn: (message, ...args) => output.warn(message, ...args),
    error: (error, ...args) => output.error(error, ...args),
    append: (value) => output.append(value),
    appendLine: (value) => output.appendLine(value),
    replace: (value) => output.replace(value),
    clear: () => output.clear(),
    show: (preserveFocus?: unknown) => output.show(preserveFocus === true),
    hide: () => output.hide(),
    dispose: () => {
      watch.dispose();
      fromOutput.dispose();
      changed.dispose();
    },
  };
}
