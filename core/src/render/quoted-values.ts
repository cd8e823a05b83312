/** Characters of a value quoted in a finding message that a rendering keeps; longer ones end in "…". */
export const quotedValueLimit = 200;

/** Characters of a whole finding message a rendering keeps, whatever it quotes. */
export const messageLimit = 1_000;

/**
 * A finding message with every value it quotes (in '…', `…` or "…") cut to `quotedValueLimit` characters
 * (code points) and an ellipsis, and the whole message to `messageLimit`: messages quote values from the file
 * whole, and a 10,000-character name would otherwise fill a pull-request comment or a terminal by itself.
 * The message keeps its sentence: what is wrong and what to write instead.
 *
 *   "endpoint 'aaaa…(10,000)' is not a valid SageMaker endpoint name: …" → "endpoint 'aaaa…(200)…' is not …"
 *   'alarm `fraud-5xx` is listed twice' → unchanged
 */
export function shortQuotes(message: string): string {
  const cut = (quote: string, value: string) => `${quote}${shorten(value, quotedValueLimit)}${quote}`;
  const short = message
    .replace(/'([^']{201,})'/g, (_, value: string) => cut("'", value))
    .replace(/`([^`]{201,})`/g, (_, value: string) => cut('`', value))
    .replace(/"((?:[^"\\]|\\.){201,})"/g, (_, value: string) => cut('"', value));
  return shorten(short, messageLimit);
}

/** The first `limit` code points of `text` and "…", or `text` when it is not longer. */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const points = [...text];
  return points.length <= limit ? text : `${points.slice(0, limit).join('')}…`;
}
