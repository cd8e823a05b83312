// Writes the generated sections of the docs from the code that holds their facts (`pnpm docs`); the test in
// test/docs/generated.test.ts fails when a committed doc differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fieldReference } from '../core/src/fields/reference.js';

const root = resolve(import.meta.dirname, '..');

/** Each generated section: the doc, the marker name, and what goes between `<!-- name:start -->` and `:end`. */
export const generatedSections = [{ doc: 'docs/rollout-file.md', name: 'fields', content: fieldReference }];

/** The doc with the section between its markers replaced; undefined when the markers are missing. */
export function splice(doc: string, name: string, content: string): string | undefined {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`;
}

/** The committed text and the text `pnpm docs` would write, per section. */
export function generatedDocs(): {
  doc: string;
  name: string;
  committed: string;
  expected: string | undefined;
}[] {
  return generatedSections.map(({ doc, name, content }) => {
    const committed = readFileSync(resolve(root, doc), 'utf8');
    return { doc, name, committed, expected: splice(committed, name, content()) };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { doc, name, committed, expected } of generatedDocs()) {
    if (expected === undefined) throw new Error(`${doc}: the markers of section '${name}' are missing`);
    if (expected !== committed) writeFileSync(resolve(root, doc), expected);
    console.log(`${doc}: ${expected === committed ? 'up to date' : `section '${name}' written`}`);
  }
}
