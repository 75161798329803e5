import { InvalidContentTypeError, InvalidObjectKeyError } from './errors';

const MAX_KEY_BYTES = 1024; // S3's limit
// NAME_MAX is 255 on common filesystems; the fs driver appends ".json" to name a key's metadata file.
const MAX_SEGMENT_BYTES = 250;

/**
 * Both drivers accept the same keys, so code tested against one works on
 * the other: slash-separated segments of printable characters, none empty,
 * "." or "..", no backslash, no leading slash. That also keeps the fs driver
 * inside its root whatever a key is made from.
 */
export function validateObjectKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidObjectKeyError('it is empty');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new InvalidObjectKeyError(`it is longer than ${MAX_KEY_BYTES} bytes`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new InvalidObjectKeyError('it contains a control character');
  if (key.includes('\\')) throw new InvalidObjectKeyError('it contains a backslash');
  if (key.startsWith('/')) throw new InvalidObjectKeyError('it is an absolute path');
  for (const segment of key.split('/')) {
    if (segment === '') throw new InvalidObjectKeyError('it has an empty path segment');
    if (segment === '.' || segment === '..') throw new InvalidObjectKeyError(`it has a "${segment}" path segment`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw new InvalidObjectKeyError(`a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return key;
}

/** A prefix for deletePrefix: a valid key followed by "/". */
export function validateObjectPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || !prefix.endsWith('/')) throw new InvalidObjectKeyError('a prefix must end with "/"');
  validateObjectKey(prefix.slice(0, -1));
  return prefix;
}

/** A MIME type as it may appear in a Content-Type header (parameters allowed). */
export function validateContentType(contentType: string): string {
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(contentType) || contentType.length > 255) {
    throw new InvalidContentTypeError(contentType);
  }
  return contentType;
}

/** Presigned URLs live from a second to S3's maximum of seven days. */
export function validateExpiresSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) throw new RangeError(`expiresSeconds must be an integer from 1 to 604800, got ${seconds}`);
  return seconds;
}
