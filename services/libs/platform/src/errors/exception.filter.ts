import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorReporter } from '../telemetry/error-reporter';
import { toErrorResponse } from './error-body';

/**
 * The one place where thrown errors become HTTP responses, including those
 * raised before routing (body parsing), which Nest routes here too. Anything
 * unexpected is logged with its stack and reported; client errors show up in
 * the request's completion line at warn.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly reporter: ErrorReporter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = String(req.id);
    const { status, body, unexpected } = toErrorResponse(exception, requestId);
    if (unexpected) {
      req.log.error({ err: exception, code: body.error.code }, 'request failed unexpectedly');
      this.reporter.report(exception, { requestId, method: req.method, route: req.routeOptions?.url });
    } else {
      req.log.debug({ code: body.error.code, status }, body.error.message);
    }
    if (res.sent) return;
    void res.status(status).send(body);
  }
}
