import type { Readable } from 'node:stream';

/** Injection token for the configured ObjectStorage (see StorageModule). */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
/** Injection token for StorageSettings. */
export const STORAGE_SETTINGS = Symbol('STORAGE_SETTINGS');

export interface StorageSettings {
  driver: 'none' | 'fs' | 's3';
  /** UPLOAD_MAX_BYTES: the largest file a client may upload. */
  uploadMaxBytes: number;
}

export interface PutOptions {
  contentType: string;
  /** The length the body declares (e.g. Content-Length). Checked against `maxBytes` before any byte is read, and against what arrives. */
  contentLength?: number;
  /** A larger body throws ObjectTooLargeError and stores nothing. */
  maxBytes?: number;
}

/** Inclusive byte offsets, as in HTTP: `{ start: 0, end: 9 }` is the first ten bytes; no `end` reads to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface ObjectInfo {
  /** The whole object's size. */
  sizeBytes: number;
  contentType: string;
  lastModified: Date;
}

export interface StoredObject extends ObjectInfo {
  body: Readable;
  /** Bytes in `body`: the range's length for a range read. */
  contentLength: number;
  /** The satisfied range, `end` clamped to the last byte; absent for a whole-object read. */
  range?: { start: number; end: number };
}

export interface PresignPutOptions {
  /** The Content-Type the client must send (it is signed). */
  contentType: string;
  expiresSeconds: number;
  maxBytes: number;
  /**
   * The exact size the client will send. With it, S3 enforces the size (the
   * Content-Length is signed). Without it, S3 cannot bound a presigned PUT:
   * check `head(key).sizeBytes` when the client reports the upload done.
   * The fs driver enforces `maxBytes` while streaming either way.
   */
  contentLength?: number;
}

export interface PresignGetOptions {
  expiresSeconds: number;
  /** Makes browsers save the file under this name (Content-Disposition: attachment). */
  downloadName?: string;
}

/** A request a client can make without credentials of ours: the URL carries the signature. */
export interface PresignedRequest {
  url: string;
  method: 'GET' | 'PUT';
  /** Headers the client must send as given (signed into the URL). */
  headers: Record<string, string>;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * Where uploaded audio and generated files live. Keys are slash-separated
 * paths such as `audio/<userId>/<fileId>` (see validateObjectKey). Errors a
 * caller can act on are typed (ObjectNotFoundError, ObjectTooLargeError,
 * InvalidRangeError, ...) and are AppErrors, so they map to HTTP statuses.
 */
export interface ObjectStorage {
  readonly driver: 'none' | 'fs' | 's3';

  /**
   * Stores `body` under `key`, replacing any object there, atomically: a
   * reader sees the old object or the new one, never part of one. A body over
   * `maxBytes`, or one that fails midway, leaves no object behind (and an
   * existing object untouched). A stream body is never destroyed here, so an
   * HTTP handler can still answer on the connection; the caller owns it.
   */
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<{ sizeBytes: number }>;

  /** The object, or a byte range of it. ObjectNotFoundError; InvalidRangeError when no byte of the range exists. */
  get(key: string, range?: ByteRange): Promise<StoredObject>;

  /** ObjectNotFoundError when absent. */
  head(key: string): Promise<ObjectInfo>;

  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;

  /** Removes every object under `prefix`, which must end with "/" (so `users/1/` never touches `users/10/`). */
  deletePrefix(prefix: string): Promise<void>;

  presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest>;

  presignGet(key: string, options: PresignGetOptions): Promise<PresignedRequest>;

  /** Readiness: resolves when the store answers and is usable. */
  check(): Promise<void>;
}
