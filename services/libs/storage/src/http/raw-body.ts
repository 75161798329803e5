import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const RAW_BODY_ROUTE = 'dawgRawBody';
/** A content type no client sends; only the hook below sets it, so only its parser sees these bodies. */
const RAW_BODY_CONTENT_TYPE = 'application/x-dawg-raw-body';
const ORIGINAL_CONTENT_TYPE = Symbol('dawg:original-content-type');
const installed = new WeakSet<FastifyInstance>();

type RawBodyRequest = FastifyRequest & { [ORIGINAL_CONTENT_TYPE]?: string };

/**
 * Marks a route whose body reaches the handler as the unread request stream
 * (`req.body` is a Readable, or undefined when empty), whatever its
 * Content-Type: uploads are streamed to storage, never buffered, and a file
 * of type application/json must not meet the JSON parser. Needs
 * installRawBodyRoutes (StorageModule installs it).
 */
export const RawBody = (): MethodDecorator => RouteConfig({ [RAW_BODY_ROUTE]: true });

/**
 * Fastify picks a body parser by Content-Type before any handler runs, and
 * its parsers are app-wide (Nest registers every route on the root instance).
 * So, for marked routes only, an onRequest hook sets the Content-Type aside
 * (read it with originalContentType) and substitutes a private type whose
 * parser hands the stream through. Other routes keep JSON parsing and their
 * 415 for anything else. Call before the app listens; once per instance.
 */
export function installRawBodyRoutes(fastify: FastifyInstance): void {
  if (installed.has(fastify)) return;
  installed.add(fastify);
  fastify.addHook('onRequest', (request: RawBodyRequest, _reply, done) => {
    if ((request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[RAW_BODY_ROUTE] === true) {
      request[ORIGINAL_CONTENT_TYPE] = request.headers['content-type'];
      request.headers['content-type'] = RAW_BODY_CONTENT_TYPE;
    }
    done();
  });
  fastify.addContentTypeParser(RAW_BODY_CONTENT_TYPE, (_request, payload, done) => done(null, payload));
}

/** The Content-Type the client sent to a @RawBody() route. */
export function originalContentType(request: FastifyRequest): string | undefined {
  return (request as RawBodyRequest)[ORIGINAL_CONTENT_TYPE];
}
