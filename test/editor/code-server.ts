import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where scripts/test-editor.sh put code-server, Node 24 and the installed .vsix; defaults match it. */
const root = new URL('../../', import.meta.url).pathname;
const codeServer =
  process.env.SHIFTWISE_CODE_SERVER ?? join(root, '.cache/code-server/node_modules/.bin/code-server');
const node24Bin = process.env.SHIFTWISE_NODE24_BIN ?? join(root, '.cache/node24/bin');
const extensionsDir = process.env.SHIFTWISE_EXTENSIONS_DIR ?? join(root, '.cache/editor/extensions');

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Everything code-server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * User settings for a quiet, repeatable workbench. Workspace trust stays on with no start-up prompt, so the
 * folder opens in Restricted Mode: the extension must work there (`untrustedWorkspaces.supported`).
 */
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.restoreWindows': 'none',
};

/**
 * Merges `patch` into the user settings of the code-server started with `dataDir`; the workbench applies the file
 * as soon as it changes, as when a user edits settings.json.
 */
export async function updateSettings(dataDir: string, patch: Record<string, unknown>): Promise<void> {
  const file = join(dataDir, 'User', 'settings.json');
  const current = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  // The workbench can take a second write in the same second, of the same size, for no change: space the writes
  // and give each its own modification time.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await writeFile(file, JSON.stringify({ ...current, ...patch }, null, 2));
  const stamp = new Date(Date.now() + 2000 * ++settingsWrites);
  await utimes(file, stamp, stamp);
}

let settingsWrites = 0;

/**
 * The text of the Shiftwise output channel as the workbench wrote it to its log folder under `dataDir`, or ''
 * before it exists. Each line: `2026-12-04 19:40:01.123 [info] …`.
 */
export async function readOutputLog(dataDir: string): Promise<string> {
  const files = await readdir(join(dataDir, 'logs'), { recursive: true }).catch(() => [] as string[]);
  const found = files.filter((f) => /(^|\/)[^/]*Shiftwise\.log$/.test(f)).sort();
  const texts = await Promise.all(
    found.map((f) => readFile(join(dataDir, 'logs', f), 'utf8').catch(() => '')),
  );
  return texts.join('\n');
}

/**
 * Starts code-server on a free loopback port with a fresh user-data folder under `dataDir` and the extensions
 * folder the script installed the .vsix into, with `options.settings` over the quiet defaults. Resolves once it
 * listens; rejects after `options.timeoutMs` (default 60 s).
 */
export async function startCodeServer(
  dataDir: string,
  options: { timeoutMs?: number; settings?: Record<string, unknown> } = {},
): Promise<CodeServer> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  await mkdir(join(dataDir, 'User'), { recursive: true });
  await writeFile(
    join(dataDir, 'User', 'settings.json'),
    JSON.stringify({ ...settings, ...options.settings }, null, 2),
  );
  await writeFile(join(dataDir, 'config.yaml'), 'auth: none\n');
  const args = [
    '--auth=none',
    '--bind-addr=127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    `--config=${join(dataDir, 'config.yaml')}`,
    `--user-data-dir=${dataDir}`,
    `--extensions-dir=${extensionsDir}`,
  ];
  const child = spawn(codeServer, args, {
    env: { ...process.env, PATH: `${node24Bin}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  return { url, log: () => output, stop: () => stopProcess(child) };
}

/** Ends code-server and waits for it; SIGKILL after five seconds. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
