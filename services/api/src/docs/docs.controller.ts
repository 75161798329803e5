import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, Injectable, Param, Res } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ROLES_KEY, SCOPES_KEY } from '@dawg/auth';
import { API_PREFIX, ApiDoc, AppError, buildOpenApiDocument, type DiscoveredController, Public, SERVICE_INFO, type ServiceInfo, SkipRateLimit, ZodValidationPipe } from '@dawg/platform';

const SWAGGER_UI_DIR = join(require.resolve('swagger-ui-dist/package.json'), '..');
/** Files of swagger-ui-dist the page loads; nothing else in that package is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// The page runs no inline script (our CSP forbids it): the initialiser is a file of ours.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>DAWG AI API</title>
  <link rel="stylesheet" href="/${API_PREFIX}/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/${API_PREFIX}/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/${API_PREFIX}/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/${API_PREFIX}/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/${API_PREFIX}/docs/assets/init.js"></script>
</body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/${API_PREFIX}/docs.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
`;
/** Swagger UI sets inline style attributes; only this page allows them. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const assetParams = z.strictObject({ file: z.string().max(64) });

/** Builds the OpenAPI document once, on first use: every module has registered its controllers by then. */
@Injectable()
export class OpenApiService {
  private document?: Record<string, unknown>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
  ) {}

  get(): Record<string, unknown> {
    this.document ??= this.build().document;
    return this.document;
  }

  /** The document and the routes missing from it (a test keeps that list empty). */
  build() {
    const controllers: DiscoveredController[] = this.discovery
      .getControllers()
      .filter((c) => c.metatype)
      .map((c) => ({ metatype: c.metatype as DiscoveredController['metatype'], prototype: (c.metatype as { prototype: object }).prototype }));
    return buildOpenApiDocument(controllers, {
      title: 'DAWG AI API',
      version: this.service.version,
      description: `The ${this.service.name} service's REST API. Errors always answer with the ErrorBody shape; send a bearer token or an x-api-key.`,
      globalPrefix: API_PREFIX,
      unprefixed: ['health', 'ready', 'metrics'],
      describeAuth: (handler, controller) => ({
        roles: this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [handler as never, controller as never]),
        scopes: this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, [handler as never, controller as never]),
      }),
    });
  }
}

/**
 * The API reference: an OpenAPI 3.1 document read from the running app's
 * own routes and schemas, and Swagger UI over it. Public, like any published
 * API reference: it describes routes and holds no data.
 */
@Public()
@SkipRateLimit()
@Controller('docs')
export class DocsController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', PAGE_CSP)
  @Header('cache-control', 'no-cache')
  @ApiDoc({ summary: 'Swagger UI over this API', response: null, responseContentType: 'text/html' })
  page(): string {
    return PAGE;
  }

  @Get('assets/:file')
  @ApiDoc({ summary: 'Static files of the Swagger UI page', response: null, responseContentType: 'application/octet-stream', errors: ['NOT_FOUND', 'VALIDATION_FAILED'] })
  asset(@Param(new ZodValidationPipe(assetParams)) params: { file: string }, @Res() reply: FastifyReply): FastifyReply {
    void reply.header('cache-control', 'public, max-age=86400');
    if (params.file === 'init.js') return reply.type('text/javascript; charset=utf-8').send(INIT);
    const type = ASSETS[params.file];
    if (!type) throw AppError.notFound('The file');
    return reply.type(type).send(createReadStream(join(SWAGGER_UI_DIR, params.file)));
  }
}

/** `/api/v1/docs.json` sits beside `/docs`, not under it, as the issue names it. */
@Public()
@SkipRateLimit()
@Controller()
export class DocsJsonController {
  constructor(private readonly openApi: OpenApiService) {}

  @Get('docs.json')
  @Header('cache-control', 'no-cache')
  @ApiDoc({ summary: 'The OpenAPI 3.1 document of this API', response: null, responseContentType: 'application/json' })
  json(): Record<string, unknown> {
    return this.openApi.get();
  }
}
