// The executable: `shiftwise-language-server --stdio` (esbuild entry of language-server/dist/server.js and
// extension/dist/server.mjs). The transport is chosen from the command line by vscode-languageserver
// (--stdio, --node-ipc, --socket=N); with no flag, stdio. The same bundle, started in a worker thread, is the
// analysis worker of large documents (./worker-lane.ts).
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorker } from './analysis-worker.js';
import { initConnection } from './server.js';

if (!isMainThread) {
  runAnalysisWorker();
} else {
  if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
    process.argv.push('--stdio');
  }
  const connection = createConnection(ProposedFeatures.all);
  initConnection(connection, { workerUrl: new URL(import.meta.url) });
  connection.listen();
}
