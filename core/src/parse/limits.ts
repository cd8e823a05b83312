/**
 * Bounds that keep parsing linear and shallow whatever the input. A real rollout file is a few hundred
 * bytes, nests three levels deep and uses no aliases; these limits are orders of magnitude above that.
 */
export const limits = {
  /** Larger files are refused before parsing: 5 MiB of UTF-8, as docs/rules.md#file-too-large says. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Collections nested deeper than this are reported and not descended into. */
  maxDepth: 64,
  /** Nodes that alias expansion may add in total (an "alias bomb" adds billions). */
  maxAliasNodes: 10_000,
  /**
   * Findings reported per document; the rest are counted in one `too-many-findings` error. A real file has a
   * handful; a generated one can have a finding per line, and each would cost the editor and the terminal.
   */
  maxFindings: 200,
  /** Unknown keys that get a nearest-key suggestion (an edit distance per candidate); later ones list the keys. */
  maxSuggestions: 20,
} as const;
