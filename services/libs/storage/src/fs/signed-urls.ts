import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@dawg/platform';

/** Where the fs driver's signed URLs are served (StorageObjectsController), below the API prefix. */
export const SIGNED_OBJECTS_PATH = '/api/v1/storage/objects';

const payloadSchema = z.discriminatedUnion('m', [
  z.strictObject({
    v: z.literal(1),
    m: z.literal('PUT'),
    k: z.string(),
    /** Expiry, Unix seconds. */
    e: z.number().int(),
    /** Max bytes. */
    x: z.number().int().nonnegative(),
    /** Exact length, when the client declared it. */
    l: z.number().int().nonnegative().optional(),
    /** Content type. */
    t: z.string(),
  }),
  z.strictObject({
    v: z.literal(1),
    m: z.literal('GET'),
    k: z.string(),
    e: z.number().int(),
    /** Download name. */
    n: z.string().optional(),
  }),
]);
export type SignedObjectRequest = z.infer<typeof payloadSchema>;
export type SignedPut = Extract<SignedObjectRequest, { m: 'PUT' }>;
export type SignedGet = Extract<SignedObjectRequest, { m: 'GET' }>;

/** What a signed-URL token looks like: base64url payload "." base64url HMAC. */
export const SIGNED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,8000}\.[A-Za-z0-9_-]{43}$/;

/**
 * Tokens for the fs driver's presigned URLs: what S3's query signatures are
 * to S3. The payload (key, method, expiry, limits) is readable by whoever
 * holds the URL, as an S3 URL's key is, and an HMAC-SHA256 over it makes
 * it unforgeable without STORAGE_SIGNING_SECRET.
 */
export class SignedUrls {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly publicBaseUrl = '',
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, so the secret could sign something else one day without a token of one kind passing as the other.
    this.key = createHmac('sha256', secret).update('dawg:storage-url:v1').digest();
  }

  /** The URL for a request, and when it expires. */
  url(request: SignedObjectRequest): { url: string; expiresAt: string } {
    const payload = Buffer.from(JSON.stringify(request)).toString('base64url');
    const token = `${payload}.${this.mac(payload).toString('base64url')}`;
    // The token rides in the query string, which our request logs leave out (as S3's X-Amz-Signature does).
    return { url: `${this.publicBaseUrl.replace(/\/$/, '')}${SIGNED_OBJECTS_PATH}?token=${token}`, expiresAt: new Date(request.e * 1000).toISOString() };
  }

  /** Expiry for a URL valid `seconds` from now, in Unix seconds. */
  expiryIn(seconds: number): number {
    return Math.floor(this.now() / 1000) + seconds;
  }

  /** The signed request, if the token is intact, unexpired and for `method`; otherwise 403. */
  verify<M extends SignedObjectRequest['m']>(token: string, method: M): Extract<SignedObjectRequest, { m: M }> {
    const [payload, mac] = token.split('.');
    if (!payload || !mac || !SIGNED_TOKEN_PATTERN.test(token)) throw AppError.forbidden('The signed URL is malformed.');
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw AppError.forbidden('The signed URL has an invalid signature.');
    let parsed: SignedObjectRequest;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      // Only we sign, so this means a token from another version of this code.
      throw AppError.forbidden('The signed URL is not understood by this server.');
    }
    if (parsed.e * 1000 <= this.now()) throw AppError.forbidden('The signed URL has expired.');
    if (parsed.m !== method) throw AppError.forbidden(`The signed URL is for ${parsed.m}, not ${method}.`);
    return parsed as Extract<SignedObjectRequest, { m: M }>;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
