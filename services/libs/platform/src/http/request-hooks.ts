import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import type { ServiceLifecycle } from '../lifecycle/lifecycle';
import { pathOf, QUIET_PATHS, REQUEST_ID_HEADER } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';

/**
 * The request pipeline every service shares, as Fastify hooks (they run for
 * every request, routed or not): the request id echoed in a header, in-flight
 * tracking for graceful shutdown, one completion log line, the duration
 * histogram. Errors, also those raised before routing, go through Nest's
 * exception filters (HttpExceptionFilter), the one place that shapes them.
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  deps: { metrics: Metrics; lifecycle: ServiceLifecycle; routes: RouteInfo[] },
): void {
  // Every route the service serves, as registered: for route audits (auth coverage) and docs.
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') deps.routes.push({ method, url: route.url });
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    void reply.header(REQUEST_ID_HEADER, request.id);
    deps.lifecycle.track(reply.raw);
    done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    deps.metrics.observeHttp(request.method, request.routeOptions.url, reply.statusCode, seconds);
    const path = pathOf(request.url);
    if (!QUIET_PATHS.has(path)) {
      const line = { req: { method: request.method, path, remoteAddress: request.ip }, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) };
      if (reply.statusCode >= 500) request.log.error(line, 'request completed');
      else if (reply.statusCode >= 400) request.log.warn(line, 'request completed');
      else request.log.info(line, 'request completed');
    }
    done();
  });

  fastify.addHook('onRequestAbort', (request, done) => {
    request.log.warn({ req: { method: request.method, path: pathOf(request.url) } }, 'request aborted');
    done();
  });

  // Fastify's own JSON parser (with its prototype-poisoning protection), but a
  // parse failure becomes our INVALID_JSON rather than a generic 400.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Kept for signature checks over the exact bytes (Stripe webhooks); a reference, so free for other routes.
    request.rawBody = body as string;
    parseJson(request, body as string, (err, value) => (err ? done(new AppError('INVALID_JSON', 'The request body is not valid JSON.'), undefined) : done(null, value)));
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, before parsing; undefined for other content types. */
    rawBody?: string;
  }
}

export interface RouteInfo {
  method: string;
  /** The template, e.g. /api/v1/projects/:id */
  url: string;
}

/** Everything from our own origin, WebSockets back to it; nothing inline, framed or plugged in. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // No upgrade-insecure-requests: it would rewrite http://localhost requests of a local install.
].join('; ');

/**
 * The headers helmet would set, computed once: setting a frozen map per
 * response costs a fraction of running helmet's middleware on every request.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2 } as const;

/** "512kb" -> 524288. The env schema has already checked the format. */
export function parseByteSize(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size);
  if (!match) throw new Error(`not a byte size: ${size}`);
  return Number(match[1]) * UNITS[match[2]!.toLowerCase() as keyof typeof UNITS];
}
