// How the built server exits over stdio: 0 after a `shutdown` it accepted, else 1, whether stdin ends or `exit` comes
// (the LSP specification, "exit Notification"). A `shutdown` before `initialize` is refused (-32002) and shuts
// nothing down. Each row is a fresh server; every step waits for its answer, so the order is the client's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { builtServer } from './built-server.js';
import { spawnServer, withTimeout } from './lsp-client.js';

type Step = 'initialize' | 'shutdown' | 'refused shutdown' | 'exit' | 'end stdin';

const rows: { steps: Step[]; code: number }[] = [
  { steps: ['initialize', 'shutdown', 'end stdin'], code: 0 },
  { steps: ['initialize', 'end stdin'], code: 1 },
  { steps: ['end stdin'], code: 1 },
  { steps: ['refused shutdown', 'end stdin'], code: 1 },
  { steps: ['initialize', 'shutdown', 'exit'], code: 0 },
  { steps: ['initialize', 'exit'], code: 1 },
  { steps: ['refused shutdown', 'exit'], code: 1 },
];

for (const row of rows)
  test(`${row.steps.join(', ')}: exit code ${row.code}`, async () => {
    const { connection, child } = spawnServer(process.execPath, [builtServer(), '--stdio']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    connection.listen();
    try {
      for (const step of row.steps) {
        if (step === 'initialize')
          await withTimeout(
            connection.sendRequest(InitializeRequest.type, {
              processId: null,
              rootUri: null,
              capabilities: {},
            }),
            20_000,
          );
        else if (step === 'shutdown') await withTimeout(connection.sendRequest(ShutdownRequest.type), 20_000);
        else if (step === 'refused shutdown') {
          const error = await withTimeout(
            connection.sendRequest(ShutdownRequest.type).then(
              () => undefined,
              (e: unknown) => e,
            ),
            20_000,
          );
          assert.ok(error instanceof ResponseError, String(error));
          assert.equal(error.code, ErrorCodes.ServerNotInitialized);
        } else if (step === 'exit') await connection.sendNotification(ExitNotification.type);
        else child.stdin?.end();
      }
      assert.equal(await withTimeout(exited, 20_000, 'the server process'), row.code);
    } finally {
      child.kill();
      connection.dispose();
    }
  });
