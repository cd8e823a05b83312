// shiftwise has no build of its own: workspace packages export their TypeScript under the `source` condition
// (ARCHITECTURE.md) and ship only inside the bundles of scripts/build.mjs. Any other import ends here, with the way out.
throw new Error(
  'shiftwise is TypeScript only: import it with `node --conditions=source --import tsx` (as the tests do), or run a bundle built by `pnpm build`.',
);
