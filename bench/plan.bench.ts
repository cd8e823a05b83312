// Plans and renders 1,000 generated valid rollout files. Prints time per file for each stage, beside the
// cost of a plain `yaml` parse of the same texts (the peer: what reading the file costs at least), same run.
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { plan, planToJson, renderPlanMarkdown, renderPlanText, validateRollout } from '../core/src/index.js';
import { validRolloutText } from '../core/test/plan/arbitrary.js';

const texts = fc.sample(validRolloutText, { numRuns: 1000, seed: 20261123 });
const rollouts = texts.map((t) => validateRollout(t).value!);
const plans = rollouts.map((r) => plan(r));

function perFile(label: string, run: (i: number) => unknown, rounds = 5): number {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < texts.length; i++) run(i);
    samples.push((performance.now() - start) / texts.length);
  }
  const median = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  console.log(
    `${label.padEnd(46)} ${(median * 1000).toFixed(1).padStart(8)} µs/file (median of ${rounds} rounds)`,
  );
  return median;
}

console.log(
  `${texts.length} generated rollout files, ${Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length)} bytes on average`,
);
const yaml = perFile('peer: yaml.parse', (i) => parseYaml(texts[i]!));
const validate = perFile('validateRollout (parse + schema + rules)', (i) => validateRollout(texts[i]!));
const planning = perFile('plan', (i) => plan(rollouts[i]!));
const render = perFile('render text + markdown + JSON', (i) => {
  renderPlanText(plans[i]!);
  renderPlanMarkdown(plans[i]!);
  JSON.stringify(planToJson(plans[i]!));
});
const all = perFile('whole: validate + plan + render all three', (i) => {
  const p = plan(validateRollout(texts[i]!).value!);
  renderPlanText(p);
  renderPlanMarkdown(p);
  JSON.stringify(planToJson(p));
});
console.log(
  `\nplan + render = ${((planning + render) / yaml).toFixed(2)}× a yaml.parse; whole pipeline = ${(all / yaml).toFixed(1)}× a yaml.parse (validate alone ${(validate / yaml).toFixed(1)}×)`,
);
