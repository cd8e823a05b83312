#!/usr/bin/env node
// Launcher kept in git so the bin link exists before the first build. The code is in cli/dist/: shiftwise.js picks
// the command's bundle and runs it with V8's code cache (cli/src/launch/); NODE_DISABLE_COMPILE_CACHE=1 turns the
// cache off, NODE_COMPILE_CACHE names its folder.
import { run } from '../dist/shiftwise.js';

process.exitCode = await run(process.argv.slice(2));
