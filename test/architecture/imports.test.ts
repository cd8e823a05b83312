import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importsOf } from './imports.js';

// The import scan the layer rules stand on, as a table: each way TypeScript writes an import, and what the scan
// makes of it (specifier, whether it is erased at build time).

const cases: [source: string, specifier: string, typeOnly: boolean][] = [
  ["import { a } from 'yaml';", 'yaml', false],
  ["import type { Plan } from '@shiftwise/core';", '@shiftwise/core', true],
  ["import { type A, type B } from './x.js';", './x.js', true],
  ["import { type A, b } from './x.js';", './x.js', false],
  ["import * as fs from 'node:fs';", 'node:fs', false],
  ["export { plan } from './plan.js';", './plan.js', false],
  ["export type { Plan } from './plan.js';", './plan.js', true],
  ["import '@aws-sdk/client-cloudwatch';", '@aws-sdk/client-cloudwatch', false],
  ["const m = await import('./deploy-mode.js');", './deploy-mode.js', false],
  ["import {\n  a,\n  type B,\n} from './multi-line.js';", './multi-line.js', false],
];

for (const [source, specifier, typeOnly] of cases)
  test(`importsOf: ${JSON.stringify(source)} → ${specifier}${typeOnly ? ' (type only)' : ''}`, () => {
    const sites = importsOf('core/src/a.ts', `// first line\n${source}\n`);
    assert.deepEqual(
      sites.map((s) => [s.specifier, s.typeOnly, s.line]),
      [[specifier, typeOnly, 2]],
    );
  });
