// @shiftwise/language-server: the transport-free language service, and `initConnection` for hosts that bring
// their own connection (the executable is ./main.ts).

export { servesDocument } from './rollout-files.js';
export { initConnection } from './server.js';
export * from './service/index.js';
export { lensCommandFor, readSettings, type Settings } from './settings.js';
