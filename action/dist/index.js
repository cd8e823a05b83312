process.setSourceMapsEnabled(true);
const { run } = await import("./run.js");
await run();
