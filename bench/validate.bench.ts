// Measures validation: the first call (cold code; the schema's validator is generated ahead of time), warm calls per example file, a large file,
// and the whole `shiftwise validate examples/*` process (built bundle when present, else the sources).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateRollout } from '../core/src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = readdirSync(join(root, 'examples')).map((f) => ({
  name: f,
  text: readFileSync(join(root, 'examples', f), 'utf8'),
}));

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const first = time(() => validateRollout(examples[0]?.text ?? '', { fileName: examples[0]?.name ?? '' }), 1);
console.log(`first validation (cold code): ${first.toFixed(1)} ms`);
for (const e of examples) {
  const ms = time(() => validateRollout(e.text, { fileName: e.name }), 200);
  console.log(`${e.name.padEnd(40)} ${(ms * 1000).toFixed(0).padStart(6)} µs (median of 200)`);
}
const alarms = Array.from({ length: 100_000 }, (_, i) => `    - alarm-${i}`).join('\n');
const big = `${examples.find((e) => e.name.includes('canary'))?.text.replace(/ {2}alarms: .*\n/, '  alarms:\n')}${alarms}\n`;
console.log(
  `${(big.length / 1024 / 1024).toFixed(1)} MiB file: ${time(() => validateRollout(big), 3).toFixed(0)} ms (median of 3)`,
);

const bundle = join(root, 'cli/bin/shiftwise.js');
const useBundle = existsSync(join(root, 'cli/dist/shiftwise.js'));
const args = useBundle ? [bundle] : ['--import', 'tsx', '--conditions=source', join(root, 'cli/src/bin.ts')];
const files = examples.map((e) => join('examples', e.name));
const processMs = time(() => {
  const r = spawnSync(process.execPath, [...args, 'validate', ...files], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
}, 9);
console.log(
  `whole process, shiftwise validate examples/* (${useBundle ? 'built bundle' : 'sources via tsx'}): ${processMs.toFixed(0)} ms (median of 9)`,
);
