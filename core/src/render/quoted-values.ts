/** Characters of a value quoted in a finding message that a rendering keeps; longer ones end in "…". */
export const quotedValueLimit = 200;

/** Characters of a whole finding message a rendering keeps, whatever it quotes. */
export const messageLimit = 1_000;

/**
 * One quoted value of a message: '…' opened where no letter or digit comes before (the apostrophe of
 * "SageMaker's" opens nothing) and closed where none comes after (a value may hold "it's"), `…`, or "…" with its
 * backslash escapes. One pattern for the three, matched left to right, so every pair is consumed whole, short
 * ones too: the text between two quoted values is never taken for a value.
 */
const quotedValue =
  /(?<![\p{L}\p{N}])'((?:[^']|'(?=[\p{L}\p{N}]))*)'(?![\p{L}\p{N}])|`([^`]*)`|"((?:[^"\\]|\\.)*)"/gu;

/**
 * A finding message with every value it quotes (in '…', `…` or "…") cut to `quotedValueLimit` characters
 * (code points) and an ellipsis, and the whole message to `messageLimit`: messages quote values from the file
 * whole, and a 10,000-character name would otherwise fill a pull-request comment or a terminal by itself.
 * The message keeps its sentence: what is wrong and what to write instead. Values of at most 200 characters,
 * and the words between values, are left exactly as they are.
 *
 *   "endpoint 'aaaa…(10,000)' is not a valid SageMaker endpoint name: …" → "endpoint 'aaaa…(200)…' is not …"
 *   'alarm `fraud-5xx` is listed twice' → unchanged
 *   "'timeout' is 3600 s … (for 10 instances; set 'capacity' for the exact figure)" → unchanged
 */
export function shortQuotes(message: string): string {
  const short = message.replace(quotedValue, (pair: string, ...values: (string | undefined)[]) => {
    const value = values.slice(0, 3).find((v) => v !== undefined) ?? '';
    return value.length <= quotedValueLimit
      ? pair
      : `${pair[0]}${shorten(value, quotedValueLimit)}${pair[0]}`;
  });
  return shorten(short, messageLimit);
}

/** The first `limit` code points of `text` and "…", or `text` when it is not longer. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const points = [...text];
  return points.length <= limit ? text : `${points.slice(0, limit).join('')}…`;
}
