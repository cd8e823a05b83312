import { inspect } from 'node:util';
import {
  type Connection,
  createConnection,
  ErrorCodes,
  Message,
  type MessageReader,
  ProposedFeatures,
  type ResponseMessage,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { frameGuard } from './frame-guard.js';

/**
 * The connection over stdin and stdout, built from vscode-jsonrpc's own reader and writer rather than by
 * `createConnection` from the command line, because that one drops what its reader cannot read without a word: a
 * message whose body is not JSON was ignored, with no answer and no log line. Here such a message is answered as
 * JSON-RPC says, a `ParseError` (-32700) with id null (written by the same writer, between whole messages), and
 * logged to the client (`window/logMessage`); the input passes ./frame-guard.ts first, so a wrong Content-Length
 * costs the messages it cut into, not every later one. What `createConnection` does for `--stdio` besides is kept:
 * the process exits when stdin ends (0 after a `shutdown` request, else 1), and console output goes to the client's
 * log, not into the protocol stream.
 */
export function stdioConnection(): Connection {
  let connection: Connection | undefined;
  const log = (message: string) => connection?.console.error(message);
  const reader = new StreamMessageReader(process.stdin.pipe(frameGuard(log)));
  const writer = new StreamMessageWriter(process.stdout);
  let shutdownReceived = false;
  const watched: MessageReader = new Proxy(reader, {
    get(target, property, receiver) {
      if (property !== 'listen') return Reflect.get(target, property, receiver);
      return (callback: (message: Message) => void) =>
        target.listen((message) => {
          if (Message.isRequest(message) && message.method === 'shutdown') shutdownReceived = true;
          callback(message);
        });
    },
  });
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
  connection = createConnection(ProposedFeatures.all, watched, writer);
  const exit = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  redirectConsole(connection);
  return connection;
}

/** Console output on stdout would corrupt the protocol stream: it goes to the client's log, as vscode-languageserver does. */
function redirectConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
