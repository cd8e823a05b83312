// The action's entry point (bundled to action/dist/index.js by `node scripts/build.mjs action`).
import { run } from './run.js';

await run();
