// Runs the CLI from its TypeScript sources (`node --import tsx --conditions=source cli/src/bin.ts ...`),
// the same entry as the bundled cli/bin/shiftwise.js; tests spawn it without a build.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
