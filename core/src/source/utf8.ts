/** Where the bytes a text was decoded from stop being UTF-8: the offset in the text, and the byte there. */
export interface NotUtf8 {
  readonly offset: number;
  readonly byte: number;
}

/** A file's bytes as text, with where they stop being UTF-8 when they do. */
export interface DecodedText {
  readonly text: string;
  readonly notUtf8?: NotUtf8;
  /** The whole file's size in bytes, when `text` holds only its start (a file larger than its reader reads). */
  readonly fileSize?: number;
}

// `ignoreBOM: true` keeps a byte order mark in the text, where the parser and positions expect it. Made on first
// use: a process that reads no file (the language server, mostly) never builds them.
let strict: TextDecoder | undefined;
let lenient: TextDecoder | undefined;

/**
 * Decodes a rollout file's bytes, which must be UTF-8 (YAML 1.2 and JSON files are). Decoded leniently, a Latin-1
 * or Windows-1252 byte becomes U+FFFD without a word, and `fraud-latency-p99-café` would be planned as an alarm
 * named `…caf\u{fffd}`; so the first byte that is not UTF-8 is kept with the text, and parsing such a text with it
 * (`ParseOptions.notUtf8`) gives one finding there instead of a model.
 *
 *   'café' in UTF-8   → { text: 'café' }
 *   'café' in Latin-1 → { text: 'caf\u{fffd}', notUtf8: { offset: 3, byte: 0xe9 } }
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    strict ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return { text: strict.decode(bytes) };
  } catch {
    lenient ??= new TextDecoder('utf-8', { ignoreBOM: true });
    const text = lenient.decode(bytes);
    return { text, notUtf8: firstReplacement(text, bytes) };
  }
}

/**
 * The first U+FFFD of `text` that stands for bytes that are not UTF-8 (not for a U+FFFD written as EF BF BD).
 * Every character before it was read as written, so its byte offset is counted from the characters.
 */
function firstReplacement(text: string, bytes: Uint8Array): NotUtf8 {
  let at = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.codePointAt(offset) ?? 0;
    if (code === 0xfffd && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd))
      return { offset, byte: bytes[at] ?? 0 };
    at += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) offset++;
  }
  return { offset: text.length, byte: 0 };
}

/**
 * How many bytes `text` takes in UTF-8, as it is written to a file or a job summary (GitHub measures those in
 * bytes): 1 for ASCII, 2–3 for the rest of the Basic Multilingual Plane, 4 for a surrogate pair, and 3 for a lone
 * surrogate (written as U+FFFD).
 *
 *   'abc' → 3;  'é' → 2;  '日本' → 6;  '😀' → 4
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
