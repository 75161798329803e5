import { randomUUID, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@dawg/platform';

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Claims of a DAWG access token. */
export const accessClaimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string().min(1),
  iat: z.number().int(),
  nbf: z.number().int().optional(),
  exp: z.number().int(),
  jti: z.string(),
  roles: z.array(z.enum(ROLES)).default(['user']),
  /** The refresh-session family this token was minted from, when it came from a login. */
  sid: z.string().optional(),
  /** Scopes of an API-key or agent token; absent for a full user session. */
  scope: z.array(z.string()).optional(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

type Algorithm = 'EdDSA' | 'RS256';
const CLOCK_SKEW_SECONDS = 30;

function algorithmFor(key: KeyObject): Algorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new Error(`unsupported JWT key type ${key.asymmetricKeyType ?? key.type}: use Ed25519 or RSA`);
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function signatureDigest(alg: Algorithm): string | null {
  return alg === 'EdDSA' ? null : 'sha256';
}

/** Signs access tokens. Only the api service is configured with the private key. */
export class JwtSigner {
  private readonly alg: Algorithm;

  constructor(
    private readonly privateKey: KeyObject,
    private readonly options: { issuer: string; audience: string; ttlSeconds: number; keyId?: string },
  ) {
    this.alg = algorithmFor(privateKey);
  }

  sign(claims: { sub: string; roles: Role[]; sid?: string; scope?: string[] }, ttlSeconds = this.options.ttlSeconds): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: this.alg, typ: 'JWT', ...(this.options.keyId ? { kid: this.options.keyId } : {}) };
    const payload: AccessClaims = {
      iss: this.options.issuer,
      aud: this.options.audience,
      iat: now,
      exp: now + ttlSeconds,
      jti: randomUUID(),
      ...claims,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = cryptoSign(signatureDigest(this.alg), Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${b64url(signature)}`;
  }
}

/**
 * Verifies access tokens with the public key alone. The algorithm is fixed by
 * the key, never taken from the token, so `alg: none` and HS256-with-the-
 * public-key tricks cannot work.
 */
export class JwtVerifier {
  private readonly alg: Algorithm;
  /**
   * Tokens whose signature and claims already checked out, so a client's
   * every request does not pay for a signature verification (the largest
   * per-request cost of the api). Byte-identical tokens verify identically;
   * time-dependent claims are re-checked on every hit. Bounded; oldest first out.
   */
  private readonly verified = new Map<string, AccessClaims>();
  static readonly CACHE_SIZE = 10_000;

  constructor(
    private readonly publicKey: KeyObject,
    private readonly options: { issuer: string; audience: string },
  ) {
    this.alg = algorithmFor(publicKey);
  }

  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessClaims {
    const cached = this.verified.get(token);
    if (cached) return checkTimes(cached, nowSeconds);
    const claims = checkTimes(this.verifyUncached(token), nowSeconds);
    if (this.verified.size >= JwtVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  private verifyUncached(token: string): AccessClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p))) throw invalid('malformed token');
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

    const header = parseJson(headerPart);
    // JSON `null` is valid JSON but no header; reading `.alg` off it would throw a TypeError (a 500).
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw invalid('malformed token');
    if (!('alg' in header) || header.alg !== this.alg) throw invalid('unexpected signing algorithm');
    if ('crit' in header) throw invalid('unsupported critical header');

    const ok = cryptoVerify(
      signatureDigest(this.alg),
      Buffer.from(`${headerPart}.${payloadPart}`),
      this.publicKey,
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!ok) throw invalid('bad signature');

    const parsed = accessClaimsSchema.safeParse(parseJson(payloadPart));
    if (!parsed.success) throw invalid('malformed claims');
    const claims = parsed.data;
    if (claims.iss !== this.options.issuer) throw invalid('wrong issuer');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.options.audience)) throw invalid('wrong audience');
    return claims;
  }
}

function checkTimes(claims: AccessClaims, nowSeconds: number): AccessClaims {
  if (claims.exp + CLOCK_SKEW_SECONDS <= nowSeconds) throw AppError.unauthenticated('The access token has expired.');
  if (claims.nbf !== undefined && claims.nbf - CLOCK_SKEW_SECONDS > nowSeconds) throw invalid('token not yet valid');
  return claims;
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed token');
  }
}

function invalid(reason: string): AppError {
  return new AppError('UNAUTHENTICATED', 'The access token is invalid.', { reason });
}
