// The executable: `shiftwise-language-server --stdio` (esbuild entry of language-server/dist/server.js and
// extension/dist/server.mjs). With --node-ipc or --socket=N the transport is vscode-languageserver's, from the
// command line; with --stdio or no flag, stdio (./stdio-connection.ts, which answers a message that is not JSON).
// The same bundle, started in a worker thread, is the analysis worker of large documents (./worker-lane.ts).
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorker } from './analysis-worker.js';
import { initConnection } from './server.js';
import { stdioConnection } from './stdio-connection.js';

if (!isMainThread) {
  runAnalysisWorker();
} else {
  const other = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket'));
  const connection = other ? createConnection(ProposedFeatures.all) : stdioConnection();
  initConnection(connection, { workerUrl: new URL(import.meta.url) });
  connection.listen();
}
