#!/usr/bin/env node
// Launcher kept in git so the bin link exists before the first build; the code is the bundle.
import '../dist/server.js';
