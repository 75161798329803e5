import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
// nestjs-pino reads req.log, typed by pino-http's augmentation of IncomingMessage (id, log).
import type {} from 'pino-http';
import { performance } from 'node:perf_hooks';
import { activeTraceIds } from '../telemetry/trace-context';

/** Paths pino removes from any logged object, wherever our code logs it. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
];

export function createRootLogger(options: {
  service: string;
  version: string;
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, version: options.version },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => activeTraceIds(),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/** Takes the caller's request id when it is well-formed, otherwise makes one, and echoes it. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * Request logging: the request id on `req.id` and the response header, a
 * child logger bound to it on `req.log` (made only when something logs), and
 * one completion line per request; probes and scrapes are not logged. Headers
 * are never logged; the query string is dropped from the path.
 */
export function requestLogging(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const requestId = requestIdFor(req, res);
    let child: Logger | undefined;
    Object.defineProperty(req, 'id', { value: requestId, writable: true, configurable: true });
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ requestId })), configurable: true });
    const path = pathOf(req.url);
    if (QUIET_PATHS.has(path)) return next();

    const started = performance.now();
    res.once('close', () => {
      const responseTime = Math.round(performance.now() - started);
      const line = { req: { method: req.method, path, remoteAddress: req.socket.remoteAddress }, res: { statusCode: res.statusCode }, responseTime };
      if (!res.writableFinished) req.log.warn(line, 'request aborted');
      else if (res.statusCode >= 500) req.log.error(line, 'request completed');
      else if (res.statusCode >= 400) req.log.warn(line, 'request completed');
      else req.log.info(line, 'request completed');
    });
    next();
  };
}

function pathOf(url: string | undefined): string {
  const query = url?.indexOf('?') ?? -1;
  return query === -1 ? (url ?? '') : url!.slice(0, query);
}

export type { Logger };
