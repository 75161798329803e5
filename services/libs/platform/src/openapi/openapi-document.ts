import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, errorBodySchema } from '@dawg/contracts';
import { API_DOC, type ApiDocOptions } from '../http/api-doc.decorator';
import { PUBLIC_ROUTE } from '../http/public.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { statusForCode } from '../errors/app-error';

type JsonSchema = Record<string, unknown>;

/** A controller class and its instance, as Nest's discovery hands them over. */
export interface DiscoveredController {
  metatype: abstract new (...args: never[]) => unknown;
  prototype: object;
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  /** Prefix Nest adds to routes (e.g. `api/v1`), except for `unprefixed` paths. */
  globalPrefix: string;
  unprefixed: string[];
  /**
   * What the auth library demands of a route, read from its own decorators
   * (the platform cannot depend on the auth library): roles, and the scopes
   * that open it to API keys.
   */
  describeAuth?: (handler: object, controller: object) => { roles?: string[]; scopes?: string[] };
}

/** Routes found without @ApiDoc: a test fails on any, so the document stays complete. */
export interface OpenApiBuild {
  document: JsonSchema;
  undocumented: string[];
}

const HTTP_METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.OPTIONS]: 'options',
  [RequestMethod.HEAD]: 'head',
};

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  BAD_REQUEST: 'The request cannot be processed as sent.',
  VALIDATION_FAILED: 'A field is missing, malformed or unknown; details.issues names each.',
  INVALID_JSON: 'The body is not valid JSON.',
  UNAUTHENTICATED: 'No valid bearer token or API key.',
  FORBIDDEN: 'Authenticated, but not allowed (role or scope); details say which.',
  NOT_FOUND: 'No such object, or not yours.',
  METHOD_NOT_ALLOWED: 'The method is not allowed here.',
  CONFLICT: 'The object changed since you read it (details.currentVersion), or the state forbids this.',
  PRECONDITION_FAILED: 'A precondition header did not match.',
  PAYLOAD_TOO_LARGE: 'The body is over the limit (details.maxBytes).',
  UNSUPPORTED_MEDIA_TYPE: 'The content is not of an accepted type.',
  RANGE_NOT_SATISFIABLE: 'No byte of the requested range exists.',
  RATE_LIMITED: 'Too many requests; retry after the Retry-After seconds.',
  PAYMENT_REQUIRED: 'A plan limit is reached; details.entitlement names it.',
  SERVICE_UNAVAILABLE: 'A dependency is unavailable; retry later.',
  INTERNAL: 'An unexpected error; the request id identifies it in logs.',
};

const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/**
 * Builds the OpenAPI 3.1 document from the running app's controllers: paths
 * and methods from Nest's routing metadata, parameters and request bodies
 * from the zod schemas their ZodValidationPipes validate with, responses and
 * summaries from @ApiDoc, security from @Public and the auth decorators. The
 * document cannot drift from the code, because it is read from the code.
 */
export function buildOpenApiDocument(controllers: DiscoveredController[], options: OpenApiOptions): OpenApiBuild {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const undocumented: string[] = [];
  const usedErrors = new Set<ErrorCode>();

  for (const { metatype, prototype } of controllers) {
    const controllerPaths = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (requestMethod === undefined || methodPaths === undefined) continue;
      const method = HTTP_METHODS[requestMethod];
      if (!method) continue;

      for (const controllerPath of controllerPaths) {
        for (const methodPath of [methodPaths].flat()) {
          const path = fullPath(options, controllerPath, methodPath);
          const doc = Reflect.getMetadata(API_DOC, handler) as ApiDocOptions | undefined;
          if (!doc) {
            undocumented.push(`${method.toUpperCase()} ${path}`);
            continue;
          }
          const isPublic = Boolean(Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, metatype));
          const auth = isPublic ? {} : (options.describeAuth?.(handler, metatype) ?? {});
          const operation = describeOperation({ metatype, name, handler, requestMethod, doc, isPublic, auth, path });
          for (const code of operationErrors(doc, isPublic, auth, operation)) usedErrors.add(code);
          (paths[path.replace(/:(\w+)/g, '{$1}')] ??= {})[method] = operation;
        }
      }
    }
  }

  return {
    undocumented,
    document: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version, description: options.description },
      servers: [{ url: '/' }],
      paths: sortKeys(paths),
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from /api/v1/auth/login or /auth/refresh.' },
          apiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key from /api/v1/api-keys; it reaches only routes that list one of its scopes.' },
        },
        schemas: { ErrorBody: toJsonSchema(errorBodySchema, 'output') },
        responses: Object.fromEntries(
          ERROR_CODES.filter((code) => usedErrors.has(code)).map((code) => [
            code,
            {
              description: `${statusForCode(code)} ${code}: ${ERROR_DESCRIPTIONS[code]}`,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' }, example: { error: { code, message: ERROR_DESCRIPTIONS[code], requestId: 'req-1' } } } },
            },
          ]),
        ),
      },
    },
  };

  function describeOperation(route: {
    metatype: DiscoveredController['metatype'];
    name: string;
    handler: object;
    requestMethod: RequestMethod;
    doc: ApiDocOptions;
    isPublic: boolean;
    auth: { roles?: string[]; scopes?: string[] };
    path: string;
  }): JsonSchema {
    const { doc } = route;
    const parameters: JsonSchema[] = [];
    let requestBody: JsonSchema | undefined;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.metatype, route.name) ?? {}) as Record<string, { pipes?: unknown[] }>;
    for (const [key, arg] of Object.entries(args)) {
      const type = Number(key.split(':')[0]) as RouteParamtypes;
      const schema = arg.pipes?.find((p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe)?.schema;
      if (!schema) continue;
      if (type === RouteParamtypes.BODY) {
        requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(schema, 'input') } } };
      } else if (type === RouteParamtypes.QUERY || type === RouteParamtypes.PARAM) {
        const json = toJsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
        for (const [name, property] of Object.entries(json.properties ?? {})) {
          const inPath = type === RouteParamtypes.PARAM;
          parameters.push({ name, in: inPath ? 'path' : 'query', required: inPath || (json.required ?? []).includes(name), schema: property });
        }
      }
    }
    if (doc.body) {
      requestBody = { required: true, description: doc.body.description, content: { [doc.body.contentType]: { schema: doc.body.schema ? toJsonSchema(doc.body.schema, 'input') : {} } } };
    }

    const status = doc.status ?? (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.requestMethod === RequestMethod.POST ? 201 : 200);
    const success: JsonSchema = { description: doc.summary };
    if (doc.response) success.content = { 'application/json': { schema: toJsonSchema(doc.response, 'output') } };
    else if (doc.responseContentType) success.content = { [doc.responseContentType]: { schema: { type: 'string', format: 'binary' } } };

    const operation: JsonSchema = {
      operationId: `${route.metatype.name.replace(/Controller$/, '')}_${route.name}`,
      summary: doc.summary,
      tags: [tagOf(route.path, options)],
      ...(doc.description ? { description: doc.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: { [String(status)]: success },
      security: route.isPublic ? [] : [{ bearerAuth: [] }, ...(route.auth.scopes?.length ? [{ apiKeyAuth: [] }] : [])],
    };
    if (route.auth.roles?.length) operation['x-required-roles'] = route.auth.roles;
    if (route.auth.scopes?.length) operation['x-api-key-scopes'] = route.auth.scopes;
    return operation;
  }
}

/** Adds the error responses a route can answer: its declared ones, plus auth, rate limiting and the unexpected. */
function operationErrors(doc: ApiDocOptions, isPublic: boolean, auth: { roles?: string[]; scopes?: string[] }, operation: JsonSchema): ErrorCode[] {
  const codes = new Set<ErrorCode>(doc.errors ?? []);
  if (!isPublic) codes.add('UNAUTHENTICATED');
  if (!isPublic && (auth.roles?.length || auth.scopes?.length)) codes.add('FORBIDDEN');
  if (doc.body || operation.requestBody) codes.add('VALIDATION_FAILED');
  codes.add('RATE_LIMITED');
  codes.add('INTERNAL');
  const responses = operation.responses as Record<string, JsonSchema>;
  for (const code of codes) {
    const status = String(statusForCode(code));
    // Several codes share 400; one response per status, pointing at the shared error body.
    responses[status] ??= { $ref: `#/components/responses/${code}` };
  }
  return [...codes];
}

function fullPath(options: OpenApiOptions, controllerPath: string, methodPath: string): string {
  const local = [controllerPath, methodPath].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/');
  const unprefixed = options.unprefixed.includes(local);
  return `/${[unprefixed ? '' : options.globalPrefix, local].filter(Boolean).join('/')}`;
}

function tagOf(path: string, options: OpenApiOptions): string {
  const rest = path.replace(`/${options.globalPrefix}/`, '/').split('/').filter(Boolean);
  return rest[0] ?? 'root';
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
