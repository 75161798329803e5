import type { Readable } from 'node:stream';
import { Controller, Get, Inject, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiDoc, AppError, Public, SkipRateLimit, ZodValidationPipe } from '@dawg/platform';
import { attachment } from '../content-disposition';
import { InvalidRangeError } from '../errors';
import { originalContentType, RawBody } from '../http/raw-body';
import { parseRangeHeader } from '../http/http-range';
import { OBJECT_STORAGE, type ObjectStorage } from '../object-storage';
import { SIGNED_TOKEN_PATTERN, SignedUrls } from './signed-urls';

const signedQuerySchema = z.strictObject({ token: z.string().regex(SIGNED_TOKEN_PATTERN, 'must be a signed URL token') });
type SignedQuery = z.infer<typeof signedQuerySchema>;
const storedObjectSchema = z.object({ sizeBytes: z.number().int() });

/**
 * Types a browser may render from our origin. Anything else (HTML, SVG,
 * scripts) is served as an opaque download, so an uploaded file can never
 * run as a page or a script of the app.
 */
const INLINE_TYPES = /^(audio\/[\w.+-]+|video\/[\w.+-]+|image\/(png|jpeg|gif|webp|avif)|application\/(octet-stream|json)|text\/plain)(\s*;.*)?$/i;

/**
 * The fs driver's presigned URLs: what S3 serves for the s3 driver.
 * Mounted only when STORAGE_DRIVER=fs.
 */
// Public: whoever holds the URL may use it, for its one key, method and lifetime;
// the HMAC signature in the token is the credential, as with S3's presigned URLs.
@Public()
// Limited by what is signed instead: an audio player issues many range requests for one file.
@SkipRateLimit()
@Controller('storage/objects')
export class StorageObjectsController {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly urls: SignedUrls,
  ) {}

  @Put()
  @RawBody()
  @ApiDoc({
    summary: 'Upload an object through a presigned URL (fs storage driver)',
    response: storedObjectSchema,
    errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'CONFLICT'],
    body: { contentType: '*/*', description: 'The bytes to store, with the Content-Type signed into the URL; at most the signed size.' },
  })
  async upload(
    @Query(new ZodValidationPipe(signedQuerySchema)) query: SignedQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<z.infer<typeof storedObjectSchema>> {
    try {
      const signed = this.urls.verify(query.token, 'PUT');
      const sent = originalContentType(req);
      if (sent?.trim().toLowerCase() !== signed.t.toLowerCase()) {
        throw AppError.forbidden(`The Content-Type must be "${signed.t}", as signed into the URL.`);
      }
      const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
      if (signed.l !== undefined && declared !== undefined && declared !== signed.l) {
        throw AppError.forbidden(`The upload must be exactly ${signed.l} bytes, as signed into the URL.`);
      }
      // A declared size over the limit is refused before a byte is read; an undeclared one is cut off while streaming.
      const body = (req.body as Readable | undefined) ?? Buffer.alloc(0);
      return await this.storage.put(signed.k, body, { contentType: signed.t, maxBytes: signed.x, contentLength: signed.l ?? declared });
    } catch (err) {
      // The rest of the body is still on its way: close the connection after answering rather than read it.
      void reply.header('connection', 'close');
      throw err;
    }
  }

  @Get()
  @ApiDoc({
    summary: 'Download an object, or a byte range of it, through a presigned URL (fs storage driver)',
    description: 'Honours a single Range (bytes=a-b, a-, -n): 206 with Content-Range, 416 when no byte of it exists.',
    response: null,
    responseContentType: 'application/octet-stream',
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  })
  async download(@Query(new ZodValidationPipe(signedQuerySchema)) query: SignedQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signed = this.urls.verify(query.token, 'GET');
    const info = await this.storage.head(signed.k);
    const range = parseRangeHeader(req.headers.range, info.sizeBytes);
    if (range === null) {
      void reply.header('content-range', `bytes */${info.sizeBytes}`);
      throw new InvalidRangeError(info.sizeBytes);
    }
    const object = await this.storage.get(signed.k, range);
    const inline = INLINE_TYPES.test(object.contentType);
    void reply.headers({
      'content-type': inline ? object.contentType : 'application/octet-stream',
      'content-length': String(object.contentLength),
      'accept-ranges': 'bytes',
      'last-modified': object.lastModified.toUTCString(),
      // A response of stored bytes is never a document that may run anything.
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': `private, max-age=${Math.max(0, Math.min(3600, signed.e - Math.floor(Date.now() / 1000)))}`,
    });
    if (signed.n !== undefined) void reply.header('content-disposition', attachment(signed.n));
    else if (!inline) void reply.header('content-disposition', 'attachment');
    if (object.range) {
      void reply.status(206).header('content-range', `bytes ${object.range.start}-${object.range.end}/${object.sizeBytes}`);
    }
    void reply.send(object.body);
  }
}
