import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedDocs } from '../../scripts/docs.js';

// Sections of the docs that the code writes (`pnpm docs`): a change to the field table shows up in the reference.

for (const { doc, name, committed, expected } of generatedDocs()) {
  test(`${doc}: the '${name}' section is what the code says (run \`pnpm docs\` after changing it)`, () => {
    assert.notEqual(
      expected,
      undefined,
      `${doc} has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`,
    );
    assert.equal(committed, expected);
  });
}
