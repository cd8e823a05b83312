// Which transport the executable takes from its command line: stdio (asked for, or with no transport flag) is the
// server's own connection (./stdio-connection.ts); every other flag vscode-languageserver's `createConnection` reads
// (--node-ipc, --socket, --pipe) stays its own. The built server, started with each, answers `initialize`.
import assert from 'node:assert/strict';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  createProtocolConnection,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageReader,
  type MessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { usesStdio } from '../src/stdio-connection.js';
import { builtServer } from './built-server.js';
import { withTimeout } from './lsp-client.js';

const flagRows: { args: string[]; stdio: boolean }[] = [
  { args: [], stdio: true },
  { args: ['--stdio'], stdio: true },
  { args: ['--clientProcessId=42'], stdio: true },
  { args: ['--node-ipc'], stdio: false },
  { args: ['--socket=5000'], stdio: false },
  { args: ['--socket', '5000'], stdio: false },
  { args: ['--pipe=/tmp/lsp.sock'], stdio: false },
  { args: ['--pipe', '/tmp/lsp.sock'], stdio: false },
  // The first transport flag wins, as vscode-languageserver reads them.
  { args: ['--pipe=/tmp/lsp.sock', '--stdio'], stdio: false },
  { args: ['--stdio', '--socket=5000'], stdio: true },
  // Not transport flags to vscode-languageserver either.
  { args: ['--stdio=1'], stdio: true },
  { args: ['--pipes=x'], stdio: true },
];

for (const row of flagRows)
  test(`usesStdio(${JSON.stringify(row.args)}) is ${row.stdio}`, () => {
    assert.equal(usesStdio(row.args), row.stdio);
  });

const folder = mkdtempSync(join(tmpdir(), 'shiftwise-transports-'));
after(() => rmSync(folder, { recursive: true, force: true }));

interface Transport {
  readonly name: string;
  /** Starts the server and gives the client's side of the connection once the server is on it. */
  start(server: string): Promise<{ child: ChildProcess; reader: MessageReader; writer: MessageWriter }>;
}

/** A socket or pipe the server connects to (vscode-languageserver's server transports dial the client). */
function listening(
  listen: (server: ReturnType<typeof createServer>, ready: () => void) => void,
  args: (server: ReturnType<typeof createServer>) => string[],
): Transport['start'] {
  return (server) =>
    new Promise((resolve, reject) => {
      const listener = createServer((socket: Socket) => {
        listener.close();
        resolve({ child, reader: new StreamMessageReader(socket), writer: new StreamMessageWriter(socket) });
      });
      let child: ChildProcess;
      listener.on('error', reject);
      listen(listener, () => {
        child = spawn(process.execPath, [server, ...args(listener)], { stdio: 'ignore' });
      });
    });
}

const portOf = (server: ReturnType<typeof createServer>) =>
  String((server.address() as { port: number }).port);

const transports: Transport[] = [
  {
    name: '--stdio',
    start: async (server) => {
      const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
      return {
        child,
        reader: new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
        writer: new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
      };
    },
  },
  {
    name: 'no transport flag (stdio)',
    start: async (server) => {
      const child = spawn(process.execPath, [server], { stdio: ['pipe', 'pipe', 'ignore'] });
      return {
        child,
        reader: new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
        writer: new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
      };
    },
  },
  {
    name: '--node-ipc',
    start: async (server) => {
      const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      return { child, reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
    },
  },
  {
    name: '--socket=N',
    start: listening(
      (s, ready) => s.listen(0, '127.0.0.1', ready),
      (s) => [`--socket=${portOf(s)}`],
    ),
  },
  {
    name: '--pipe=NAME (a Unix socket path)',
    start: listening(
      (s, ready) => s.listen(join(folder, 'equals.sock'), ready),
      () => [`--pipe=${join(folder, 'equals.sock')}`],
    ),
  },
  {
    name: '--pipe NAME',
    start: listening(
      (s, ready) => s.listen(join(folder, 'space.sock'), ready),
      () => ['--pipe', join(folder, 'space.sock')],
    ),
  },
];

for (const transport of transports)
  test(`started with ${transport.name}, the built server answers initialize`, async () => {
    const { child, reader, writer } = await withTimeout(
      transport.start(builtServer()),
      20_000,
      'the transport',
    );
    const connection = createProtocolConnection(reader, writer);
    connection.listen();
    try {
      const result = await withTimeout(
        connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }),
        20_000,
      );
      assert.equal(result.serverInfo?.name, 'shiftwise-language-server');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
