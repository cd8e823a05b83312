import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { glob } from 'tinyglobby';
import { rolloutGlob } from '../../core/src/index.js';
import { rolloutFilesUnder } from '../src/rollout-folder.js';

// The folder walk finds what the glob it replaced finds (`rolloutGlob`, any case, no hidden entries, the same
// ignored folders), in the same order; and, unlike the glob, a link named like a rollout file that leads nowhere.

/** A tree of files (paths relative to the root) and links (`path → target`, relative to the link's folder). */
interface Tree {
  readonly files: readonly string[];
  readonly links?: Readonly<Record<string, string>>;
}

const cases: ReadonlyArray<{ name: string; tree: Tree; found: readonly string[] }> = [
  {
    name: 'rollout names in any case, at any depth, sorted',
    tree: {
      files: ['z.rollout.yaml', 'a/b/EU.Rollout.YML', 'a/x.rollout.json', 'a/notes.txt', 'compose.yaml'],
    },
    found: ['a/b/EU.Rollout.YML', 'a/x.rollout.json', 'z.rollout.yaml'],
  },
  {
    name: 'node_modules, .git, dist and hidden entries are skipped at any depth',
    tree: {
      files: [
        'node_modules/p/a.rollout.yaml',
        'x/node_modules/b.rollout.yaml',
        '.git/c.rollout.yaml',
        'x/dist/d.rollout.yaml',
        '.hidden/e.rollout.yaml',
        'x/.f.rollout.yaml',
        'x/kept.rollout.yaml',
      ],
    },
    found: ['x/kept.rollout.yaml'],
  },
  {
    name: 'ignored folders in any case, and # and ? as part of a name',
    tree: {
      files: [
        'Dist/a.rollout.yaml',
        'NODE_MODULES/b.rollout.yaml',
        'team#2/c.rollout.yaml',
        'd?.rollout.json',
      ],
    },
    found: ['d?.rollout.json', 'team#2/c.rollout.yaml'],
  },
  {
    name: 'names that only look like rollout files are not',
    tree: { files: ['a.rollout.yaml.bak', 'rollout.yaml', 'a.rollout.toml', 'b.rollout.yml'] },
    found: ['b.rollout.yml'],
  },
  {
    name: 'a linked folder is searched under the path of its link, and a loop of links ends',
    tree: {
      files: ['real/r.rollout.yaml'],
      links: { linked: 'real', 'real/loop': '..' },
    },
    // fdir, which the glob used too, follows a link back into its own folder once before it stops.
    found: ['linked/r.rollout.yaml', 'real/loop/real/r.rollout.yaml', 'real/r.rollout.yaml'],
  },
];

for (const c of cases) {
  test(`folder walk: ${c.name}`, async () => {
    const root = make(c.tree);
    assert.deepEqual(await rolloutFilesUnder(root), c.found);
  });
  test(`folder walk finds what the glob finds: ${c.name}`, async () => {
    const root = make(c.tree);
    const globbed = await glob(rolloutGlob, {
      cwd: root,
      ignore: ['**/node_modules/**', '**/.git/**', '**/dist/**'],
      dot: false,
      caseSensitiveMatch: false,
    });
    assert.deepEqual(await rolloutFilesUnder(root), globbed.sort());
  });
}

test('folder walk: a link named like a rollout file that leads nowhere is listed (reading it says why); others are not', async () => {
  const root = make({
    files: ['a.rollout.yaml'],
    links: {
      'gone.rollout.yaml': 'missing.yaml',
      'self.rollout.json': 'self.rollout.json',
      'nowhere-folder': 'missing',
      '.hidden.rollout.yaml': 'missing.yaml',
    },
  });
  assert.deepEqual(await rolloutFilesUnder(root), [
    'a.rollout.yaml',
    'gone.rollout.yaml',
    'self.rollout.json',
  ]);
});

test('folder walk: an empty folder has none, and a missing one is not an error', async () => {
  const root = make({ files: [] });
  assert.deepEqual(await rolloutFilesUnder(root), []);
  assert.deepEqual(await rolloutFilesUnder(join(root, 'missing')), []);
});

function make(tree: Tree): string {
  const root = mkdtempSync(join(tmpdir(), 'shiftwise-walk-'));
  for (const file of tree.files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'version: 1\n');
  }
  for (const [link, target] of Object.entries(tree.links ?? {})) symlinkSync(target, join(root, link));
  return root;
}
