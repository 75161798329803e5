import { HttpException } from '@nestjs/common';
import type { ErrorBody } from '@dawg/contracts';
import { AppError, codeForStatus } from './app-error';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True when the error is ours to fix (a bug or an outage), not the client's. */
  unexpected: boolean;
}

/** Maps anything thrown while serving a request to the one error body. */
export function toErrorResponse(err: unknown, requestId: string): ErrorResponse {
  const make = (status: number, code: string, message: string, details?: unknown, unexpected = false): ErrorResponse => ({
    status,
    unexpected,
    body: { error: { code, message, ...(details === undefined ? {} : { details }), requestId } },
  });

  if (err instanceof AppError) return make(err.status, err.code, err.message, err.details);

  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = codeForStatus(status);
    // Nest's own messages ("Cannot GET /x") and Fastify's request errors (which
    // Nest wraps as HttpExceptions) are safe to show; 5xx texts are not.
    const message =
      status >= 500 ? 'Something went wrong on our side.' : status === 413 ? 'The request body is larger than this endpoint accepts.' : httpExceptionMessage(err);
    return make(status, code, message, undefined, status >= 500);
  }

  return make(500, 'INTERNAL', 'Something went wrong on our side.', undefined, true);
}

function httpExceptionMessage(err: HttpException): string {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return err.message;
}
