// The executable: `shiftwise-language-server --stdio` (esbuild entry of language-server/dist/server.js and
// extension/dist/server.mjs). The transport is chosen from the command line by vscode-languageserver
// (--stdio, --node-ipc, --socket=N); with no flag, stdio.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { initConnection } from './server.js';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
initConnection(connection);
connection.listen();
