#!/usr/bin/env node
// Launcher kept in git so the bin link exists before the first build; the code is the bundle.
import { main } from '../dist/shiftwise.js';

process.exitCode = await main(process.argv.slice(2));
