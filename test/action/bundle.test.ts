import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { bundle, repoRoot } from './run-action.js';

// The runner executes the committed action/dist/index.js, never our sources: this fails when a source change
// was committed without its rebuilt bundle. The build runs in a mirror of the checkout (symlinks) whose
// action/dist is empty, so the committed file is compared, not overwritten. Fix: `node scripts/build.mjs action`.

test('the committed bundle is what the sources build to', async () => {
  const mirror = await mkdtemp(join(tmpdir(), 'shiftwise-bundle-'));
  try {
    for (const entry of await readdir(repoRoot))
      if (entry !== 'action') await symlink(join(repoRoot, entry), join(mirror, entry));
    await mkdir(join(mirror, 'action'));
    for (const entry of await readdir(join(repoRoot, 'action')))
      if (entry !== 'dist') await symlink(join(repoRoot, 'action', entry), join(mirror, 'action', entry));
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/build.mjs'), 'action'], {
      cwd: mirror,
      timeout: 120_000,
    });
    const fresh = await readFile(join(mirror, 'action/dist/index.js'), 'utf8');
    const committed = await readFile(bundle, 'utf8');
    assert.ok(
      fresh === committed,
      `action/dist/index.js is stale (${committed.length} bytes committed, ${fresh.length} built): run \`node scripts/build.mjs action\` and commit it`,
    );
  } finally {
    await rm(mirror, { recursive: true, force: true });
  }
});

test('the bundle is one lean ESM file: no language server, no sandbox', async () => {
  const text = await readFile(bundle, 'utf8');
  assert.ok(text.length < 3_000_000, `${text.length} bytes`);
  assert.doesNotMatch(text, /vscode-languageserver|_sandbox\//);
  assert.match(text, /^import { createRequire as __createRequire } from .node:module.;/);
});
