import type { Readable } from 'node:stream';
import { ObjectLengthMismatchError, ObjectTooLargeError } from './errors';

/**
 * The body's chunks as Buffers, throwing ObjectTooLargeError as soon as more
 * than `maxBytes` arrived (a stream is never read far past the limit), and
 * ObjectLengthMismatchError when a declared length is not what arrived.
 * The source is not destroyed when this stops early: an HTTP handler must
 * still be able to answer 413 on the request's connection.
 */
export async function* limitedChunks(body: Buffer | Readable, limits: { maxBytes?: number; contentLength?: number }): AsyncGenerator<Buffer> {
  const { maxBytes = Number.POSITIVE_INFINITY, contentLength } = limits;
  if (contentLength !== undefined && contentLength > maxBytes) throw new ObjectTooLargeError(maxBytes);
  let received = 0;
  const chunks: Iterable<unknown> | AsyncIterable<unknown> = Buffer.isBuffer(body) ? [body] : { [Symbol.asyncIterator]: () => body.iterator({ destroyOnReturn: false }) };
  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as string);
    received += chunk.length;
    if (received > maxBytes) throw new ObjectTooLargeError(maxBytes);
    if (contentLength !== undefined && received > contentLength) throw new ObjectLengthMismatchError(contentLength, received);
    yield chunk;
  }
  if (contentLength !== undefined && received !== contentLength) throw new ObjectLengthMismatchError(contentLength, received);
}

/** Resolves the inclusive end of a range against an object's size; throws `unsatisfiable` when no byte of it exists. */
export function resolveRange(range: { start: number; end?: number }, sizeBytes: number, unsatisfiable: () => Error): { start: number; end: number } {
  const { start, end } = range;
  const valid = Number.isSafeInteger(start) && start >= 0 && (end === undefined || (Number.isSafeInteger(end) && end >= start));
  if (!valid || start >= sizeBytes) throw unsatisfiable();
  return { start, end: Math.min(end ?? sizeBytes - 1, sizeBytes - 1) };
}
