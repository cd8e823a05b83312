// The VS Code extension as the Marketplace and Open VSX take it: the manifest's publishing fields, the icon, and
// what `vsce` packs (scripts/package-vsix.sh, which fails on any vsce warning; then `vsce ls`). vsce 4 needs
// Node 22 or newer: .cache/node24 (scripts/setup-system.sh); skipped without it, failing instead when CI is set.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './installed.js';

const extension = join(repoRoot, 'extension');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as Record<string, unknown>;
const node24 = join(repoRoot, '.cache/node24/bin/node');
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const skip = !existsSync(node24) && !inCi && 'Node 24 is not in .cache/node24 (bash scripts/setup-system.sh)';

/** Exactly what the .vsix holds besides vsce's own manifest files: the bundles, the icon and the texts. */
const packed = [
  'extension/CHANGELOG.md',
  'extension/LICENSE',
  'extension/README.md',
  'extension/dist/extension.cjs',
  'extension/dist/server.mjs',
  'extension/images/icon.png',
  'extension/package.json',
];

test('the manifest has what the Marketplace and Open VSX ask for', () => {
  for (const field of ['name', 'displayName', 'publisher', 'version', 'description', 'icon', 'license'])
    assert.equal(typeof manifest[field], 'string', field);
  assert.equal(manifest.license, 'Apache-2.0');
  assert.equal(manifest.private, undefined, 'a private extension cannot be published');
  for (const field of ['repository', 'homepage', 'bugs', 'galleryBanner', 'categories', 'keywords'])
    assert.ok(manifest[field], field);
  assert.equal(
    readFileSync(join(extension, 'LICENSE'), 'utf8'),
    readFileSync(join(repoRoot, 'LICENSE'), 'utf8'),
  );
  assert.match(
    readFileSync(join(repoRoot, 'extension/CHANGELOG.md'), 'utf8'),
    new RegExp(`^## ${manifest.version}$`, 'm'),
  );
  assert.match(readFileSync(join(extension, 'README.md'), 'utf8'), /!\[[^\]]+\]\(images\/preview\.png\)/);
  assert.ok(existsSync(join(extension, 'images/preview.png')), 'the README picture is committed');
});

test('the icon is a PNG of at least 128×128 (the Marketplace refuses SVG icons)', () => {
  const png = readFileSync(join(extension, manifest.icon as string));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'width and height from IHDR');
});

test('vsce packages with no warning, and the .vsix holds only what runs', { skip, timeout: 300_000 }, () => {
  assert.ok(existsSync(node24), `${node24} is missing: run bash scripts/setup-system.sh`);
  const out = mkdtempSync(join(tmpdir(), 'shiftwise-vsix-'));
  try {
    const vsix = join(out, 'shiftwise.vsix');
    const build = spawnSync('bash', ['scripts/package-vsix.sh', vsix], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);
    assert.ok(existsSync(vsix));
    const listed = execFileSync(node24, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], {
      cwd: extension,
      encoding: 'utf8',
    });
    const files = listed.split('\n').filter((l) => l.trim() !== '');
    console.log(`vsce ls:\n${files.map((f) => `  ${f}`).join('\n')}`);
    assert.deepEqual(files.map((f) => `extension/${f}`).sort(), packed);
    assert.deepEqual(
      files.filter((f) => /\.map$|node_modules|(^|\/)(src|test)\//.test(f)),
      [],
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
