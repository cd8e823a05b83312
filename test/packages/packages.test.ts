// The npm packages as a stranger meets them: packed by scripts/pack.mjs, installed from the tarball alone with the
// network refused, and run from the install prefix in a folder outside this checkout (docs/packages.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { canary60 } from '../../language-server/test/documents.js';
import { startClient, withTimeout } from '../../language-server/test/lsp-client.js';
import { type Installed, installAll, offlineNpm, packAll, repoRoot } from './installed.js';

/** What each package publishes: its bins; every other file must be one of `allowed`. */
const expected: Record<string, { bins: string[] }> = {
  shiftwise: { bins: ['shiftwise', 'shiftwise-language-server'] },
  '@shiftwise/language-server': { bins: ['shiftwise-language-server'] },
};
const allowed =
  /^(package\.json|README\.md|LICENSE|bin\/[\w-]+\.js|dist\/[\w/-]+\.c?js|schema\/rollout\.schema\.json)$/;
const required = ['package.json', 'README.md', 'LICENSE', 'schema/rollout.schema.json'];

let out: string;
let installed: Installed[];
let work: string;

before(() => {
  const packed = packAll();
  out = packed.out;
  installed = installAll(out, packed.packed);
  // The commands run in a folder of their own, so nothing resolves from this checkout.
  work = mkdtempSync(join(tmpdir(), 'shiftwise-user-'));
  copyFileSync(join(repoRoot, 'examples/sagemaker-canary.rollout.yaml'), join(work, 'fraud.rollout.yaml'));
  writeFileSync(join(work, 'broken.rollout.yaml'), canary60);
  // The closing note of a change quotes these lists.
  for (const p of installed) {
    console.log(`${p.name}: ${p.tarball}`);
    for (const f of p.files) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
  }
});

after(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const pkg = (name: string): Installed => {
  const p = installed.find((i) => i.name === name);
  assert.ok(p, `${name} was packed`);
  return p;
};

test('the tarballs hold only what runs: bundles, bins, the JSON Schema, README and LICENSE', () => {
  assert.deepEqual(installed.map((p) => p.name).sort(), Object.keys(expected).sort());
  for (const p of installed) {
    const paths = p.files.map((f) => f.path);
    assert.deepEqual(
      paths.filter((f) => !allowed.test(f)),
      [],
      `${p.name}: files that do not run (sources, tests, source maps)`,
    );
    for (const f of required) assert.ok(paths.includes(f), `${p.name} has ${f}`);
    for (const b of expected[p.name]?.bins ?? [])
      assert.ok(paths.includes(`bin/${b}.js`), `${p.name} has bin ${b}`);
  }
});

test('the published manifests name no workspace or npm dependency and carry the publish metadata', () => {
  for (const p of installed) {
    const text = readFileSync(join(p.dir, 'package.json'), 'utf8');
    assert.doesNotMatch(text, /workspace:/, p.name);
    const m = JSON.parse(text) as Record<string, unknown>;
    for (const absent of ['dependencies', 'devDependencies', 'private', 'exports', 'scripts'])
      assert.equal(m[absent], undefined, `${p.name}: ${absent}`);
    assert.equal(m.license, 'Apache-2.0');
    for (const present of [
      'version',
      'description',
      'repository',
      'homepage',
      'bugs',
      'keywords',
      'engines',
      'files',
    ])
      assert.ok(m[present], `${p.name}: ${present}`);
    assert.deepEqual(Object.keys(m.bin as object).sort(), expected[p.name]?.bins);
    const source = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    assert.equal(readFileSync(join(p.dir, 'LICENSE'), 'utf8'), source);
  }
});

/** The installed CLI's commands, run in a user's folder: arguments, exit code, and what the output says. */
const cliCases: { args: string[]; status: number; output: RegExp }[] = [
  { args: ['--version'], status: 0, output: /^shiftwise \d+\.\d+\.\d+/ },
  { args: ['validate', 'fraud.rollout.yaml'], status: 0, output: /1 file, 0 errors/ },
  { args: ['validate', 'broken.rollout.yaml'], status: 1, output: /60% is above 50%.*\[canary-size\]/ },
  { args: ['plan', 'fraud.rollout.yaml'], status: 0, output: /total 20 min after provisioning/ },
  {
    args: ['plan', '--format', 'json', 'fraud.rollout.yaml'],
    status: 0,
    output: /"UpdateEndpoint"|"operation"/,
  },
  { args: ['demo'], status: 0, output: /4\/4 rollouts ended as expected/ },
];

for (const c of cliCases) {
  test(`installed: shiftwise ${c.args.join(' ')}`, () => {
    const result = spawnSync(join(pkg('shiftwise').bin, 'shiftwise'), c.args, {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, NODE_PATH: '' },
      timeout: 120_000,
    });
    assert.equal(result.status, c.status, `${result.stdout}${result.stderr}`);
    assert.match(`${result.stdout}${result.stderr}`, c.output);
  });
}

for (const name of Object.keys(expected)) {
  test(`installed: shiftwise-language-server --stdio of ${name} publishes the 60% canary error`, async () => {
    const client = await withTimeout(
      startClient({
        command: join(pkg(name).bin, 'shiftwise-language-server'),
        args: ['--stdio'],
        rootUri: pathToFileURL(work).href,
      }),
      30_000,
    );
    try {
      const uri = pathToFileURL(join(work, 'broken.rollout.yaml')).href;
      const published = await withTimeout(client.open(uri, canary60), 30_000);
      const codes = published.diagnostics.map((d) => d.code);
      assert.ok(codes.includes('canary-size'), JSON.stringify(published.diagnostics));
    } finally {
      await client.stop();
    }
  });
}

// `npm publish --dry-run` checks the manifest as the registry would take it. With the registry refused it still
// runs to the end (npm 10 and 11 only warn that a real publish needs a login), so no network is needed.
for (const name of Object.keys(expected)) {
  test(`npm publish --dry-run of ${name} passes offline`, () => {
    const { dir } = pkg(name);
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
      .version;
    const result = spawnSync('npm', ['publish', '--dry-run', '--offline'], {
      cwd: dir,
      encoding: 'utf8',
      env: offlineNpm(join(out, 'npm-cache')),
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      `${result.stdout}${result.stderr}`,
      new RegExp(`\\+ ${name.replace('/', '\\/')}@${version}`),
    );
    const warnings = result.stderr.split('\n').filter((l) => /npm warn/i.test(l) && !/logged in/.test(l));
    assert.deepEqual(warnings, [], 'npm warns about nothing but the login a real publish needs');
  });
}
