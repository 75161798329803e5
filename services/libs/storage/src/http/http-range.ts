import type { ByteRange } from '../object-storage';

/**
 * Reads a Range header (RFC 9110 §14.2) against an object of `sizeBytes`:
 * `undefined` means serve the whole object (no header, another unit, a
 * malformed or multi-range request, which a server may ignore), `null` means
 * the range is unsatisfiable (416), otherwise the inclusive byte range.
 */
export function parseRangeHeader(header: string | undefined, sizeBytes: number): ByteRange | null | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '') {
    // A suffix: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || sizeBytes === 0) return null;
    return { start: Math.max(0, sizeBytes - suffix), end: sizeBytes - 1 };
  }
  const start = Number(first);
  const end = last === '' ? undefined : Number(last);
  if (!Number.isSafeInteger(start) || (end !== undefined && !Number.isSafeInteger(end))) return undefined;
  if (end !== undefined && end < start) return undefined;
  if (start >= sizeBytes) return null;
  return { start, end: Math.min(end ?? sizeBytes - 1, sizeBytes - 1) };
}
