import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    sendError(req, res, exception, this.reporter, this.logger);
  }
}

/** Writes the error body for anything thrown while serving a request, and logs or reports it. */
export function sendError(req: FastifyRequest, res: FastifyReply, err: unknown, reporter: ErrorReporter, fallback: Logger): void {
  const requestId = String(req.id);
  const { status, body, unexpected } = toErrorResponse(err, requestId);
  const log = (req.log as Logger | undefined) ?? fallback;
  if (unexpected) {
    log.error({ err, code: body.error.code }, 'request failed unexpectedly');
    reporter.report(err, { requestId, method: req.method, route: req.routeOptions?.url });
  } else {
    log.debug({ code: body.error.code, status }, body.error.message);
  }
  if (res.sent) return;
  void res.status(status).send(body);
}
