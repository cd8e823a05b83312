import { format, inspect } from 'node:util';
import {
  type Connection,
  createConnection,
  ErrorCodes,
  ProposedFeatures,
  type RemoteConsole,
  type ResponseMessage,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { frameGuard } from './frame-guard.js';

export interface StdioOptions {
  /** Whether the server accepted a `shutdown`: on `exit`, or when stdin ends, the process exits 0 if so, else 1. */
  readonly shutDown: () => boolean;
}

/**
 * The connection over stdin and stdout, built from vscode-jsonrpc's own reader and writer rather than by
 * `createConnection` from the command line, because that one drops what its reader cannot read without a word: a
 * message whose body is not JSON was ignored, with no answer and no log line. Here such a message is answered as
 * JSON-RPC says, a `ParseError` (-32700) with id null (written by the same writer, between whole messages), and
 * logged to the client (`window/logMessage`); the input passes ./frame-guard.ts first, so a wrong Content-Length
 * costs the messages it cut into, not every later one. What `createConnection` does for `--stdio` besides is kept:
 * the process exits when stdin ends or on `exit` (0 after a `shutdown` the server accepted, else 1), and console
 * output goes to the client's log, not into the protocol stream.
 */
export function stdioConnection(options: StdioOptions): Connection {
  let connection: Connection | undefined;
  const log = (message: string) => connection?.console.error(message);
  const reader = new StreamMessageReader(process.stdin.pipe(frameGuard(log)));
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((error) => {
    if (error instanceof SyntaxError) {
      const message = `Parse error: the message body is not JSON (${error.message})`;
      const answer: ResponseMessage = {
        jsonrpc: '2.0',
        id: null,
        error: { code: ErrorCodes.ParseError, message },
      };
      writer.write(answer).catch(() => undefined);
      log(
        `shiftwise: a message was skipped: its body is not JSON (${error.message}); answered ParseError (-32700)`,
      );
    } else log(`shiftwise: reading the client's messages failed: ${error.message}`);
  });
  connection = createConnection(ProposedFeatures.all, reader, writer);
  // On `exit` too, so both ways out give the same code: vscode-languageserver's own `exit` handling, run after this
  // handler, would count a `shutdown` the server refused (one before `initialize`) as a shutdown.
  const exit = () => process.exit(options.shutDown() ? 0 : 1);
  connection.onExit(exit);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  redirectConsole(connection.console);
  return connection;
}

/**
 * Whether the command line (without node and the script) asks for stdio: as vscode-languageserver's
 * `createConnection` reads it, the first of `--node-ipc`, `--stdio`, `--socket=N` (or `--socket N`) and
 * `--pipe=NAME` (or `--pipe NAME`) is the transport; with none of them, stdio.
 *
 *   ['--stdio'] → true;  [] → true;  ['--pipe=/tmp/x.sock'] → false;  ['--socket', '5000', '--stdio'] → false
 */
export function usesStdio(args: readonly string[]): boolean {
  for (const arg of args) {
    const flag = arg.split('=')[0];
    if (arg === '--stdio') return true;
    if (arg === '--node-ipc' || flag === '--socket' || flag === '--pipe') return false;
  }
  return true;
}

/** The console methods that write to stdout themselves rather than through `console.log` (Node 20 to 24). */
type StdoutWriters = 'log' | 'info' | 'debug' | 'dir' | 'dirxml' | 'clear';

/**
 * Console output on stdout would corrupt the protocol stream: it goes to the client's log, as vscode-languageserver
 * does for `--stdio`. Node's console writes to stdout only from the methods replaced here (`log`, `info`, `debug`,
 * `dir`, `dirxml`, and `clear` on a terminal); the others (`table`, `count`, `group`, `time*`, `trace`, `assert`)
 * write through `log`, `warn` or `error`, so they follow. `warn` and `error` write to stderr, which is not the
 * protocol stream, but are sent to the client's log too, where the user looks.
 */
export function redirectConsole(logger: Pick<RemoteConsole, 'log' | 'info' | 'warn' | 'error'>): void {
  const writers: Pick<Console, StdoutWriters | 'warn' | 'error'> = {
    log: (...args: unknown[]) => logger.log(format(...args)),
    info: (...args: unknown[]) => logger.info(format(...args)),
    debug: (...args: unknown[]) => logger.log(format(...args)),
    dir: (item: unknown, options?: object) => logger.log(inspect(item, { customInspect: false, ...options })),
    dirxml: (...args: unknown[]) => logger.log(format(...args)),
    clear: () => undefined,
    warn: (...args: unknown[]) => logger.warn(format(...args)),
    error: (...args: unknown[]) => logger.error(format(...args)),
  };
  Object.assign(console, writers);
}
