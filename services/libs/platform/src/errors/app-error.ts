import type { ErrorCode, FieldIssue } from '@dawg/contracts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(STATUS_BY_CODE) as [ErrorCode, number][])
    .filter(([code]) => code !== 'VALIDATION_FAILED' && code !== 'INVALID_JSON')
    .map(([code, status]) => [status, code]),
);

export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** The error code clients see for an HTTP status we did not raise ourselves. */
export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}

/**
 * An error our code raises on purpose. Services and libraries throw these;
 * the transport layer alone decides how they reach the client.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return statusForCode(this.code);
  }

  static validation(issues: FieldIssue[]): AppError {
    return new AppError('VALIDATION_FAILED', 'The request is invalid.', { issues });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} was not found.`);
  }

  static unauthenticated(message = 'Authentication is required.'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }

  static forbidden(message = 'You are not allowed to do this.'): AppError {
    return new AppError('FORBIDDEN', message);
  }
}
