/** Where a run of bytes stops being UTF-8: all of it is, it ends inside a character, or a byte breaks the encoding. */
export type Utf8Scan = { readonly kind: 'valid' } | { readonly kind: 'incomplete'; readonly at: number } | { readonly kind: 'invalid'; readonly at: number };

/** The range a character's second byte must fall in, by its first byte (RFC 3629's table); later bytes are 80–BF. */
function leadOf(byte: number): { readonly length: number; readonly low: number; readonly high: number } | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (byte === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if (byte === 0xed) return { length: 3, low: 0x80, high: 0x9f }; // not a UTF-16 surrogate
  if (byte >= 0xe1 && byte <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (byte === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (byte >= 0xf1 && byte <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (byte === 0xf4) return { length: 4, low: 0x80, high: 0x8f }; // not beyond U+10FFFF
  return undefined;
}

/**
 * Scans bytes for strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF, as `isUtf8` and a fatal
 * TextDecoder judge it), saying where it breaks. Used only once the native `isUtf8` has said a chunk is not whole
 * UTF-8, to tell a character cut at the chunk's end from a byte that is wrong, and where.
 */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    const lead = leadOf(byte);
    if (lead === undefined) return { kind: 'invalid', at: index };
    for (let offset = 1; offset < lead.length; offset++) {
      if (index + offset >= bytes.length) return { kind: 'incomplete', at: index };
      const next = bytes[index + offset]!;
      const [low, high] = offset === 1 ? [lead.low, lead.high] : [0x80, 0xbf];
      if (next < low || next > high) return { kind: 'invalid', at: index };
    }
    index += lead.length;
  }
  return { kind: 'valid' };
}
