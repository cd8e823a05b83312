// yaml-language-server with its 200 ms validation debounce set to 0, so the benchmark can compare the work both
// servers do per change and not only what a user waits for. The setting has no option in 2.0.0; the settings
// object assigns it in its constructor, so a setter on the prototype wins.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../../test/package.json', import.meta.url));
const root = dirname(require.resolve('yaml-language-server/package.json'));
const { SettingsState } = await import(pathToFileURL(join(root, 'out/src/yamlSettings.js')).href);
Object.defineProperty(SettingsState.prototype, 'validationDelayMs', {
  get: () => 0,
  set: () => undefined,
  configurable: true,
});
process.env.YAML_LANGUAGE_SERVER_VERSION = 'bench';
await import(pathToFileURL(join(root, 'out/src/server.js')).href);
