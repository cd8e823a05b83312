// The benchmark's documents: a typical 30-line rollout file, and a 5,000-line one (a long comment block and a
// long alarm list), with the edits both servers receive.
import { canary60 } from '../test/documents.js';

/** A commented canary rollout of exactly 30 lines, valid, as teams write them. */
export const typical = [
  '# Fraud detector: production rollout.',
  '# Reviewed by the ML platform team; see runbooks/fraud.md.',
  '',
  canary60.replace('60%', '25%').trimEnd(),
  '',
  '# Bakes:',
  '#   canary: 10 minutes on one instance',
  '#   final: 10 minutes on the full fleet',
  '',
  '# Alarms roll back automatically when they fire.',
  '# fraud-5xx: 5xx rate over 1% for 2 minutes',
  '# fraud-latency-p99: p99 over 250 ms for 3 minutes',
  '',
  '# Owner: @fraud-ml',
  '# Last change: raise canary bake to 10m',
  '# End of file.',
  '',
]
  .join('\n')
  .concat('\n');

/** 5,000 lines: the typical file's fields, 2,500 comment lines, and a block list of alarms to fill the rest. */
export function large(): string {
  const head = canary60.replace('60%', '25%').replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '');
  const comments = Array.from({ length: 2500 }, (_, i) => `# note ${i}: reviewed, nothing to change here`);
  const used = head.split('\n').length - 1 + comments.length + 2;
  const alarms = Array.from({ length: 5000 - used }, (_, i) => `    - fraud-alarm-${i}`);
  return `${comments.join('\n')}\n${head}  alarms:\n${alarms.join('\n')}\n`;
}

/** The edit of step `i`: the canary size flips between 25% and 20% (same length, so ranges stay put). */
export function sizeEdit(text: string, i: number): { from: string; to: string; offset: number } {
  const from = i % 2 === 0 ? '25%' : '20%';
  const to = i % 2 === 0 ? '20%' : '25%';
  return { from, to, offset: text.indexOf(`size: ${from}`) + 'size: '.length };
}
