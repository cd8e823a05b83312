#!/usr/bin/env node
// Launcher kept in git so the bin link exists before the first build; the code is the bundle (cli/dist/).
import module from 'node:module';

// From Node 22.1 on, the compiled code of the bundle is kept on disk (NODE_COMPILE_CACHE, by default a folder
// under the OS temp folder) and later runs skip most of parsing and compiling it. Where the API is missing, or
// the cache cannot be written, the CLI simply runs without it; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
try {
  module.enableCompileCache?.();
} catch {}

// Imported after the cache is on: a static import would be compiled before the line above runs.
const { main } = await import('../dist/shiftwise.js');
process.exitCode = await main(process.argv.slice(2));
