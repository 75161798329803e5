import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorReporter } from '../telemetry/error-reporter';
import { ROOT_LOGGER } from '../logging/logger.tokens';
import { toErrorResponse } from './error-body';

/**
 * The one place where thrown errors become HTTP responses. Client errors are
 * logged at warn; anything unexpected is logged with its stack and reported.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly reporter: ErrorReporter,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    sendError(req, res, exception, this.reporter, this.logger);
  }
}

/** Shared by the filter and the express-level middleware that runs before Nest routing. */
export function sendError(req: Request, res: Response, err: unknown, reporter: ErrorReporter, fallback: Logger): void {
  const requestId = String(req.id ?? res.getHeader('x-request-id') ?? 'unknown');
  const { status, body, unexpected } = toErrorResponse(err, requestId);
  const log = (req.log as Logger | undefined) ?? fallback;
  if (unexpected) {
    log.error({ err, code: body.error.code }, 'request failed unexpectedly');
    reporter.report(err, { requestId, method: req.method, route: (req.route as { path?: string } | undefined)?.path });
  } else {
    log.debug({ code: body.error.code, status }, body.error.message);
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(status).json(body);
}
