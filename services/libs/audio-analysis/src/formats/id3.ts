import { hasAscii } from '../byte-reader';

/**
 * Size of an ID3v2 tag at `offset` (header, body and footer), or 0 if there is no
 * well-formed tag header there. The header is strict enough (version 2–4, a sync-safe
 * size) that text or random bytes starting with "ID3" are not taken for one.
 */
export function id3v2TagSize(bytes: Uint8Array, offset = 0): number {
  if (!hasAscii(bytes, offset, 'ID3') || offset + 10 > bytes.length) return 0;
  const major = bytes[offset + 3]!;
  const minor = bytes[offset + 4]!;
  const flags = bytes[offset + 5]!;
  if (major < 2 || major > 4 || minor === 0xff) return 0;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const byte = bytes[offset + i]!;
    if (byte & 0x80) return 0;
    size = size * 128 + byte;
  }
  const footer = major === 4 && flags & 0x10 ? 10 : 0;
  return 10 + size + footer;
}
