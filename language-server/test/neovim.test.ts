// A second, independent client: headless Neovim (Debian's `neovim`) with its built-in LSP client opens a rollout
// file and the test reads back the diagnostics Neovim holds. Skipped where `nvim` is not installed.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { builtServer } from './built-server.js';
import { canary60, rangeOf } from './documents.js';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const script = fileURLToPath(new URL('./neovim/read-diagnostics.lua', import.meta.url));

interface NeovimResult {
  readonly diagnostics?: {
    lnum: number;
    col: number;
    end_lnum: number;
    end_col: number;
    message: string;
    code?: string;
  }[];
  readonly lenses?: string[];
  readonly error?: string;
}

test('Neovim (vim.lsp) shows the 60% canary error on `60%`', {
  skip: !hasNeovim && 'nvim is not installed',
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-nvim-'));
  try {
    const file = join(dir, 'fraud.rollout.yaml');
    const out = join(dir, 'result.json');
    await writeFile(file, canary60);
    const status = await runNeovim({
      SHIFTWISE_FILE: file,
      SHIFTWISE_OUT: out,
      SHIFTWISE_NODE: process.execPath,
      SHIFTWISE_SERVER: builtServer(),
    });
    const result = JSON.parse(await readFile(out, 'utf8')) as NeovimResult;
    assert.equal(status, 0, result.error);
    const errors = (result.diagnostics ?? []).filter((d) => d.code === 'canary-size');
    assert.equal(errors.length, 1, JSON.stringify(result.diagnostics));
    const range = rangeOf(canary60, '60%');
    assert.deepEqual(
      [errors[0]?.lnum, errors[0]?.col, errors[0]?.end_lnum, errors[0]?.end_col],
      [range.start.line, range.start.character, range.end.line, range.end.character],
    );
    assert.match(errors[0]?.message ?? '', /50%/);
    // A file with errors shows no plan, in Neovim too: the lens says why.
    assert.deepEqual(result.lenses, ['No plan: 1 error; fix it to see the plan']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Runs Neovim headless on the script, killed after 60 s so a hang fails the test instead of stalling it. */
function runNeovim(env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${script}`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
