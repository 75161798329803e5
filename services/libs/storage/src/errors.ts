import { AppError } from '@dawg/platform';

// Storage failures a caller can act on are AppErrors, so an HTTP handler can
// let them through and the client gets the matching status. Messages never
// name the key: keys are internal layout, not something to show a client.

export class ObjectNotFoundError extends AppError {
  constructor(readonly key: string) {
    super('NOT_FOUND', 'The stored object was not found.');
    this.name = 'ObjectNotFoundError';
  }
}

/** The body was larger than `maxBytes`. Nothing was stored. */
export class ObjectTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The upload is larger than the limit of ${maxBytes} bytes.`, { maxBytes });
    this.name = 'ObjectTooLargeError';
  }
}

/** The body ended before, or ran past, the length it declared. Nothing was stored. */
export class ObjectLengthMismatchError extends AppError {
  constructor(
    readonly expectedBytes: number,
    readonly receivedBytes: number,
  ) {
    super('BAD_REQUEST', `The upload was declared as ${expectedBytes} bytes but ${receivedBytes} arrived.`, { expectedBytes, receivedBytes });
    this.name = 'ObjectLengthMismatchError';
  }
}

/** No byte of the requested range exists (RFC 9110 §15.5.17). */
export class InvalidRangeError extends AppError {
  constructor(readonly sizeBytes: number) {
    super('RANGE_NOT_SATISFIABLE', `The requested range is not satisfiable; the object is ${sizeBytes} bytes.`, { sizeBytes });
    this.name = 'InvalidRangeError';
  }
}

/** A key that could escape the storage root or that some driver cannot store. */
export class InvalidObjectKeyError extends AppError {
  constructor(reason: string) {
    super('BAD_REQUEST', `Invalid object key: ${reason}.`);
    this.name = 'InvalidObjectKeyError';
  }
}

export class InvalidContentTypeError extends AppError {
  constructor(contentType: string) {
    super('BAD_REQUEST', `"${contentType.slice(0, 100)}" is not a content type.`);
    this.name = 'InvalidContentTypeError';
  }
}

/** The fs driver cannot hold both `a` and `a/b` (a file cannot also be a directory); S3 can. */
export class ObjectKeyConflictError extends AppError {
  constructor(readonly key: string) {
    super('CONFLICT', 'The object key conflicts with an existing object or prefix.');
    this.name = 'ObjectKeyConflictError';
  }
}

export class StorageNotConfiguredError extends AppError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'Object storage is not configured on this server (STORAGE_DRIVER=none).');
    this.name = 'StorageNotConfiguredError';
  }
}
