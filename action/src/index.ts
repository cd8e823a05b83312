// The action's entry point: action.yml runs action/dist/index.js, built from this file by
// `node scripts/build.mjs action`; the bundle of run.ts is action/dist/run.js with its source map.
// Node applies a file's source map only if maps were on when it loaded the file, and the runner starts node
// without --enable-source-maps: so maps go on first and the bundle comes in after, and a stack trace in a job
// log names the TypeScript line (core/src/…, action/src/…) instead of a column of minified run.js.
process.setSourceMapsEnabled(true);
const { run } = await import('./run.js');

await run();
