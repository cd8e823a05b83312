// The executable: `shiftwise-language-server --stdio` (esbuild entry of language-server/dist/server.js and
// extension/dist/server.mjs). Stdio, asked for or by default, is ./stdio-connection.ts (which answers a message
// that is not JSON); every other transport vscode-languageserver reads from the command line (--node-ipc,
// --socket=N, --pipe=NAME) stays its own, built by its `createConnection`.
// The same bundle, started in a worker thread, is the analysis worker of large documents (./worker-lane.ts).
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorker } from './analysis-worker.js';
import { lifecycle } from './lifecycle.js';
import { initConnection } from './server.js';
import { stdioConnection, usesStdio } from './stdio-connection.js';

if (!isMainThread) {
  runAnalysisWorker();
} else {
  const life = lifecycle();
  const connection = usesStdio(process.argv.slice(2))
    ? stdioConnection({ shutDown: () => life.state() === 'shut down' })
    : createConnection(ProposedFeatures.all);
  initConnection(connection, { workerUrl: new URL(import.meta.url), lifecycle: life });
  connection.listen();
}
