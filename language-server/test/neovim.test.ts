// Neovim as users run it: the Neovim set-up of docs/language-server.md, read from the page and sourced verbatim
// in headless Neovim (Debian's `neovim`, 0.7.2), with the `shiftwise` package installed from its tarball on PATH
// (test/packages/installed.ts). Skipped where `nvim` is not installed, and failing instead when CI is set.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Installed, installedPackages, repoRoot } from '../../test/packages/installed.js';
import { canary60, rangeOf } from './documents.js';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const skip = !hasNeovim && !inCi && 'nvim is not installed (Debian: apt-get install neovim)';
const readBack = fileURLToPath(new URL('./neovim/read-back.lua', import.meta.url));

/** The Lua block under "### Neovim" in docs/language-server.md: what users copy, so what the test runs. */
export function neovimSetup(doc: string): string {
  const section = doc.slice(doc.indexOf('### Neovim'));
  const block = section.match(/```lua\n([\s\S]*?)```/);
  assert.ok(block?.[1], 'docs/language-server.md has a ```lua block under ### Neovim');
  return block[1];
}

interface NeovimFile {
  readonly diagnostics: {
    lnum: number;
    col: number;
    end_lnum: number;
    end_col: number;
    message: string;
    code?: string;
  }[];
  readonly lenses: string[];
}
interface NeovimResult {
  readonly files?: NeovimFile[];
  readonly clients?: { name: string; root_dir: string }[];
  readonly error?: string;
}

let work: string;
let out: string;
let cli: Installed;
let setup: string;

before(() => {
  if (skip) return;
  const packaged = installedPackages();
  out = packaged.out;
  const found = packaged.installed.find((p) => p.name === 'shiftwise');
  assert.ok(found, 'the shiftwise package was installed');
  cli = found;
  work = mkdtempSync(join(tmpdir(), 'shiftwise-nvim-'));
  // A workspace with a .git folder (the set-up's root: one server for both of its files) and, beside it, a second
  // workspace with one file (a server of its own).
  mkdirSync(join(work, '.git'));
  mkdirSync(join(work, 'deploy'));
  mkdirSync(join(work, 'other/.git'), { recursive: true });
  writeFileSync(
    join(work, 'other/linear.rollout.yaml'),
    readFileSync(join(repoRoot, 'examples/sagemaker-linear.rollout.yaml')),
  );
  writeFileSync(join(work, 'deploy/fraud.rollout.yaml'), canary60);
  writeFileSync(
    join(work, 'canary.rollout.yaml'),
    readFileSync(join(repoRoot, 'examples/sagemaker-canary.rollout.yaml')),
  );
  setup = join(work, 'shiftwise.lua');
  writeFileSync(setup, neovimSetup(readFileSync(join(repoRoot, 'docs/language-server.md'), 'utf8')));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  if (out) rmSync(out, { recursive: true, force: true });
});

test('nvim is installed (with CI set, a missing nvim fails here instead of skipping)', { skip }, () => {
  assert.ok(hasNeovim, "nvim is not on PATH; scripts/setup-system.sh installs Debian's neovim");
});

test("the documented Neovim set-up shows the 60% canary error, the files' code lenses, a server per root", {
  skip,
}, async () => {
  const result = await runNeovim({
    files: [
      join(work, 'deploy/fraud.rollout.yaml'),
      join(work, 'canary.rollout.yaml'),
      join(work, 'other/linear.rollout.yaml'),
    ],
    path: `${cli.bin}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
  });
  assert.equal(result.status, 0, result.json.error ?? result.stderr);
  const [broken, fine, other] = result.json.files ?? [];
  const errors = (broken?.diagnostics ?? []).filter((d) => d.code === 'canary-size');
  assert.equal(errors.length, 1, JSON.stringify(broken?.diagnostics));
  const range = rangeOf(canary60, '60%');
  assert.deepEqual(
    [errors[0]?.lnum, errors[0]?.col, errors[0]?.end_lnum, errors[0]?.end_col],
    [range.start.line, range.start.character, range.end.line, range.end.character],
  );
  assert.match(errors[0]?.message ?? '', /50%/);
  // A file with errors shows no plan, in Neovim too: the lens says why. The valid one shows the plan's headline.
  assert.deepEqual(broken?.lenses, ['No plan: 1 error; fix it to see the plan']);
  assert.deepEqual(fine?.lenses, ['2 steps · 20 min · peak 8 instances']);
  assert.match(other?.lenses[0] ?? '', /^\d+ steps · .+ · peak \d+ instances$/);
  assert.deepEqual(
    (result.json.clients ?? []).map((c) => `${c.name} ${c.root_dir}`).sort(),
    [`shiftwise ${work}`, `shiftwise ${join(work, 'other')}`],
    'one server per workspace root',
  );
  assert.doesNotMatch(result.stderr, /E5108|Error/);
});

test('the documented Neovim set-up warns, with no Lua error, when the bin is not on PATH', {
  skip,
}, async () => {
  const result = await runNeovim({
    files: [join(work, 'canary.rollout.yaml')],
    path: '/usr/bin:/bin',
    quit: true,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /shiftwise-language-server is not on PATH \(npm install -g shiftwise\)/);
  assert.doesNotMatch(result.stderr, /E5108|Error|client_id/);
});

/**
 * Sources the set-up, then opens `files` (read-back.lua reports what Neovim shows; `quit` only opens the first
 * and quits). Killed after 60 s so a hang fails the test instead of stalling it.
 */
function runNeovim(options: { files: string[]; path: string; quit?: boolean }): Promise<{
  status: number | null;
  stderr: string;
  json: NeovimResult;
}> {
  const result = join(work, 'result.json');
  rmSync(result, { force: true });
  const then = options.quit
    ? ['-c', `edit ${options.files[0]}`, '-c', 'qall!']
    : ['-c', `luafile ${readBack}`];
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${setup}`, ...then], {
      cwd: work,
      env: {
        ...process.env,
        PATH: options.path,
        SHIFTWISE_FILES: options.files.join(':'),
        SHIFTWISE_OUT: result,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    // 'close', not 'exit': at 'exit' the stderr pipe may still hold the set-up's warning.
    child.on('close', (status) => {
      clearTimeout(timer);
      let json: NeovimResult = {};
      try {
        json = JSON.parse(readFileSync(result, 'utf8')) as NeovimResult;
      } catch {}
      resolve({ status, stderr, json });
    });
  });
}
