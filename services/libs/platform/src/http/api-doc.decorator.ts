import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';
import type { ErrorCode } from '@dawg/contracts';

export const API_DOC = 'dawg:api-doc';

/** A request body that is not JSON validated by a ZodValidationPipe (uploads, signed webhooks). */
export interface RawBodyDoc {
  contentType: string;
  description: string;
  schema?: z.ZodType;
}

/**
 * What the OpenAPI document says about a route. Inputs validated with
 * `ZodValidationPipe` (body, query, params) are read from the route itself;
 * this adds what the code cannot tell: a summary, the success response and
 * the errors the route raises on purpose (401, 429 and 500 are added for
 * every route that can answer them).
 */
export interface ApiDocOptions {
  summary: string;
  description?: string;
  /** Success status; defaults to Nest's (201 for POST, 200 otherwise) or the route's @HttpCode. */
  status?: number;
  /** The success body; `null` for no body (204) and for non-JSON bodies described in `responseContentType`. */
  response: z.ZodType | null;
  responseContentType?: string;
  /** Errors this route raises by design, beyond authentication and rate limiting. */
  errors?: ErrorCode[];
  body?: RawBodyDoc;
}

/** Documents a route for /api/v1/docs; every route must carry one (a test checks). */
export const ApiDoc = (options: ApiDocOptions): MethodDecorator => SetMetadata(API_DOC, options);
