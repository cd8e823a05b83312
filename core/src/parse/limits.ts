/**
 * Bounds that keep parsing linear and shallow whatever the input. A real rollout file is a few hundred
 * bytes, nests three levels deep and uses no aliases; these limits are orders of magnitude above that.
 */
export const limits = {
  /** Larger files are refused before parsing (UTF-16 code units, about bytes for ASCII text). */
  maxFileChars: 5 * 1024 * 1024,
  /** Collections nested deeper than this are reported and not descended into. */
  maxDepth: 64,
  /** Nodes that alias expansion may add in total (an "alias bomb" adds billions). */
  maxAliasNodes: 10_000,
} as const;
