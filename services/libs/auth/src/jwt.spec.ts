import { createHmac, createSecretKey, generateKeyPairSync, type KeyObject, randomBytes, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, composeEnv, ConfigValidationError, loadConfig, platformEnv } from '@dawg/platform';
import { authSignEnv, authVerifyEnv } from './auth-env';
import { JwtSigner, JwtVerifier, type Role } from './jwt';
import { loadPrivateKey, loadPublicKey } from './keys';

const ISSUER = 'dawg-ai';
const AUDIENCE = 'dawg-ai';

const ed25519 = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherEd25519 = generateKeyPairSync('ed25519');

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const pemOf = (key: KeyObject): string =>
  key.type === 'public' ? String(key.export({ type: 'spki', format: 'pem' })) : String(key.export({ type: 'pkcs8', format: 'pem' }));

function signerFor(privateKey: KeyObject, overrides: { issuer?: string; audience?: string } = {}): JwtSigner {
  return new JwtSigner(privateKey, { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, ...overrides });
}

function verifierFor(publicKey: KeyObject): JwtVerifier {
  return new JwtVerifier(publicKey, { issuer: ISSUER, audience: AUDIENCE });
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Claims a genuine token would carry, for hand-built tokens. */
function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 900, jti: 'jti-1', roles: ['user'], ...extra };
}

/** Builds a token from any header and payload, signed with an Ed25519 private key. */
function forgeEd25519(header: unknown, payload: unknown, privateKey: KeyObject = ed25519.privateKey): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(cryptoSign(null, Buffer.from(input), privateKey))}`;
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function splitToken(token: string): [string, string, string] {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return parts as [string, string, string];
}

/** The error `fn` throws; fails the test when it throws nothing. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

function expectUnauthenticated(fn: () => unknown): AppError {
  const err = thrownBy(fn);
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.code).toBe('UNAUTHENTICATED');
  expect(appError.status).toBe(401);
  return appError;
}

function reasonOf(err: AppError): unknown {
  return (err.details as { reason?: unknown } | undefined)?.reason;
}

describe('JwtSigner and JwtVerifier', () => {
  describe('with an Ed25519 key', () => {
    it('signs a token its verifier accepts, carrying the given claims and the configured issuer and audience', () => {
      const token = signerFor(ed25519.privateKey).sign({ sub: 'user-1', roles: ['user', 'admin'], sid: 'session-9', scope: ['tracks:read'] });
      const verified = verifierFor(ed25519.publicKey).verify(token);
      expect(verified).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', roles: ['user', 'admin'], sid: 'session-9', scope: ['tracks:read'] });
      expect(verified.exp - verified.iat).toBe(900);
      expect(verified.jti).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('declares alg EdDSA and typ JWT in the header', () => {
      const [header] = splitToken(signerFor(ed25519.privateKey).sign({ sub: 'u', roles: ['user'] }));
      expect(decodePart(header)).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    });

    it('adds the key id to the header when one is configured', () => {
      const signer = new JwtSigner(ed25519.privateKey, { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60, keyId: 'k-2024' });
      const [header] = splitToken(signer.sign({ sub: 'u', roles: ['user'] }));
      expect(decodePart(header)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: 'k-2024' });
    });

    it('uses a per-call lifetime over the configured one', () => {
      const verified = verifierFor(ed25519.publicKey).verify(signerFor(ed25519.privateKey).sign({ sub: 'u', roles: ['user'] }, 60));
      expect(verified.exp - verified.iat).toBe(60);
    });

    it('gives every token a fresh jti', () => {
      const signer = signerFor(ed25519.privateKey);
      const verifier = verifierFor(ed25519.publicKey);
      const a = verifier.verify(signer.sign({ sub: 'u', roles: ['user'] }));
      const b = verifier.verify(signer.sign({ sub: 'u', roles: ['user'] }));
      expect(a.jti).not.toBe(b.jti);
    });
  });

  describe('with an RSA key', () => {
    it('signs an RS256 token its verifier accepts', () => {
      const token = signerFor(rsa.privateKey).sign({ sub: 'user-2', roles: ['admin'] });
      expect(decodePart(splitToken(token)[0])).toEqual({ alg: 'RS256', typ: 'JWT' });
      expect(verifierFor(rsa.publicKey).verify(token)).toMatchObject({ sub: 'user-2', roles: ['admin'] });
    });

    it('is not accepted by an Ed25519 verifier, nor the other way round', () => {
      expectUnauthenticated(() => verifierFor(ed25519.publicKey).verify(signerFor(rsa.privateKey).sign({ sub: 'u', roles: ['user'] })));
      expectUnauthenticated(() => verifierFor(rsa.publicKey).verify(signerFor(ed25519.privateKey).sign({ sub: 'u', roles: ['user'] })));
    });
  });

  it('verifies with a verifier that holds only the public key, loaded from its PEM', () => {
    const publicOnly = loadPublicKey(pemOf(ed25519.publicKey));
    expect(publicOnly.type).toBe('public');
    const token = signerFor(ed25519.privateKey).sign({ sub: 'user-3', roles: ['user'] });
    expect(verifierFor(publicOnly).verify(token).sub).toBe('user-3');
  });

  it('defaults roles to user when a token carries none', () => {
    const { roles: _roles, ...withoutRoles } = claims();
    expect(verifierFor(ed25519.publicKey).verify(forgeEd25519({ alg: 'EdDSA', typ: 'JWT' }, withoutRoles)).roles).toEqual(['user']);
  });

  it('accepts an audience list that includes this audience', () => {
    const token = forgeEd25519({ alg: 'EdDSA' }, claims({ aud: ['billing', AUDIENCE] }));
    expect(verifierFor(ed25519.publicKey).verify(token).sub).toBe('user-1');
  });

  it('refuses to work with a key that is neither Ed25519 nor RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => verifierFor(ec.publicKey)).toThrow(/unsupported JWT key type ec/);
    expect(() => signerFor(ec.privateKey)).toThrow(/unsupported JWT key type ec/);
    expect(() => verifierFor(createSecretKey(randomBytes(32)))).toThrow(/unsupported JWT key type secret/);
  });

  describe('rejects as UNAUTHENTICATED', () => {
    const verifier = verifierFor(ed25519.publicKey);
    const signer = signerFor(ed25519.privateKey);

    it('a token signed by another key', () => {
      const token = signerFor(otherEd25519.privateKey).sign({ sub: 'user-1', roles: ['user'] });
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('bad signature');
    });

    it('a tampered payload that keeps the original signature', () => {
      const [header, payload, signature] = splitToken(signer.sign({ sub: 'user-1', roles: ['user'] }));
      const escalated = b64url(JSON.stringify({ ...decodePart(payload), sub: 'someone-else', roles: ['admin'] }));
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(`${header}.${escalated}.${signature}`)))).toBe('bad signature');
    });

    it('a token whose signature was swapped for another token’s', () => {
      const [header, payload] = splitToken(signer.sign({ sub: 'victim', roles: ['admin'] }));
      const [, , otherSignature] = splitToken(signer.sign({ sub: 'attacker', roles: ['user'] }));
      expectUnauthenticated(() => verifier.verify(`${header}.${payload}.${otherSignature}`));
    });

    it('an unsigned token with alg none', () => {
      const unsigned = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}.`;
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(unsigned)))).toBe('unexpected signing algorithm');
      // Nor with the expected alg but no signature.
      const emptySignature = `${b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}.`;
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(emptySignature)))).toBe('bad signature');
    });

    it('an HS256 token whose HMAC secret is the public key PEM (algorithm confusion)', () => {
      for (const keys of [ed25519, rsa]) {
        const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims({ roles: ['admin'] })))}`;
        const mac = createHmac('sha256', pemOf(keys.publicKey)).update(input).digest();
        const err = expectUnauthenticated(() => verifierFor(keys.publicKey).verify(`${input}.${b64url(mac)}`));
        expect(reasonOf(err)).toBe('unexpected signing algorithm');
      }
    });

    it('an HMAC signature under the expected alg name', () => {
      const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}`;
      const mac = createHmac('sha256', pemOf(rsa.publicKey)).update(input).digest();
      expect(reasonOf(expectUnauthenticated(() => verifierFor(rsa.publicKey).verify(`${input}.${b64url(mac)}`)))).toBe('bad signature');
    });

    it('a token with a critical header extension it does not understand', () => {
      const token = forgeEd25519({ alg: 'EdDSA', crit: ['b64'], b64: false }, claims());
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('unsupported critical header');
    });

    it('a token from another issuer', () => {
      const token = signerFor(ed25519.privateKey, { issuer: 'evil-corp' }).sign({ sub: 'user-1', roles: ['user'] });
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('wrong issuer');
    });

    it('a token for another audience', () => {
      const token = signerFor(ed25519.privateKey, { audience: 'billing' }).sign({ sub: 'user-1', roles: ['user'] });
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('wrong audience');
      expectUnauthenticated(() => verifier.verify(forgeEd25519({ alg: 'EdDSA' }, claims({ aud: ['billing', 'search'] }))));
    });

    it('an expired token once its exp is more than 30 s of clock skew in the past', () => {
      const token = signer.sign({ sub: 'user-1', roles: ['user'] }, 60);
      const { exp } = verifier.verify(token);
      expect(verifier.verify(token, exp + 29).sub).toBe('user-1');
      const err = expectUnauthenticated(() => verifier.verify(token, exp + 30));
      expect(err.message).toBe('The access token has expired.');
      expectUnauthenticated(() => verifier.verify(token, exp + 3600));
    });

    it('a token whose nbf is more than 30 s of clock skew in the future', () => {
      const now = nowSeconds();
      const token = forgeEd25519({ alg: 'EdDSA' }, claims({ iat: now, nbf: now + 120, exp: now + 900 }));
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token, now)))).toBe('token not yet valid');
      expectUnauthenticated(() => verifier.verify(token, now + 89));
      expect(verifier.verify(token, now + 90).sub).toBe('user-1');
    });

    it('claims of the wrong shape even when properly signed', () => {
      for (const bad of [
        claims({ roles: ['root'] }),
        claims({ sub: '' }),
        claims({ exp: 'tomorrow' }),
        { iss: ISSUER, aud: AUDIENCE, sub: 'user-1' },
        null,
        ['not', 'an', 'object'],
      ]) {
        expect(reasonOf(expectUnauthenticated(() => verifier.verify(forgeEd25519({ alg: 'EdDSA' }, bad))))).toBe('malformed claims');
      }
    });

    it.each([
      ['an empty string', ''],
      ['two parts', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0'],
      ['four parts', 'a.b.c.d'],
      ['standard base64 characters', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0+/.abc='],
      ['whitespace inside', 'eyJhbGciOiJFZERTQSJ9 .eyJzdWIiOiJ1In0.abc'],
      ['a header that is not JSON', `${b64url('not json')}.${b64url('{}')}.abc`],
      ['an empty header', `.${b64url('{}')}.abc`],
    ])('a malformed token: %s', (_label, token) => {
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('malformed token');
    });

    it('a payload that is not JSON, even under a valid signature', () => {
      const input = `${b64url(JSON.stringify({ alg: 'EdDSA' }))}.${b64url('{"sub": "user-1", oops')}`;
      const token = `${input}.${b64url(cryptoSign(null, Buffer.from(input), ed25519.privateKey))}`;
      expect(reasonOf(expectUnauthenticated(() => verifier.verify(token)))).toBe('malformed token');
    });

    it.each([
      ['null', null],
      ['an array', ['EdDSA']],
      ['a number', 42],
      ['a string', 'EdDSA'],
    ])('a header that is JSON %s rather than an object', (_label, header) => {
      const token = forgeEd25519(header, claims());
      expectUnauthenticated(() => verifier.verify(token));
    });
  });
});

describe('loading keys', () => {
  const escaped = (pem: string): string => pem.replace(/\n/g, '\\n');

  it('reads PEMs written on one line with literal "\\n" escapes', () => {
    for (const keys of [ed25519, rsa]) {
      const publicPem = escaped(pemOf(keys.publicKey));
      const privatePem = escaped(pemOf(keys.privateKey));
      expect(publicPem).not.toContain('\n');
      expect(loadPublicKey(publicPem).equals(keys.publicKey)).toBe(true);
      expect(loadPrivateKey(privatePem).equals(keys.privateKey)).toBe(true);
    }
  });

  it('reads PEMs with real newlines unchanged', () => {
    expect(loadPublicKey(pemOf(rsa.publicKey)).equals(rsa.publicKey)).toBe(true);
    expect(loadPrivateKey(pemOf(rsa.privateKey)).equals(rsa.privateKey)).toBe(true);
  });

  it('reads keys from files, preferring an inline value when both are given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawg-auth-keys-'));
    try {
      const publicFile = join(dir, 'public.pem');
      const privateFile = join(dir, 'private.pem');
      writeFileSync(publicFile, pemOf(ed25519.publicKey));
      writeFileSync(privateFile, pemOf(ed25519.privateKey));
      expect(loadPublicKey(undefined, publicFile).equals(ed25519.publicKey)).toBe(true);
      expect(loadPrivateKey(undefined, privateFile).equals(ed25519.privateKey)).toBe(true);
      expect(loadPublicKey(pemOf(rsa.publicKey), publicFile).equals(rsa.publicKey)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which variable is missing when neither form is given', () => {
    expect(() => loadPublicKey()).toThrow('JWT_PUBLIC_KEY is not configured');
    expect(() => loadPrivateKey()).toThrow('JWT_PRIVATE_KEY is not configured');
  });

  it('a signer and verifier built from escaped PEMs work together', () => {
    const signer = signerFor(loadPrivateKey(escaped(pemOf(rsa.privateKey))));
    const verifier = verifierFor(loadPublicKey(escaped(pemOf(rsa.publicKey))));
    const roles: Role[] = ['admin'];
    expect(verifier.verify(signer.sign({ sub: 'user-4', roles })).roles).toEqual(roles);
  });
});

describe('auth environment', () => {
  const required = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };
  const verifySchema = composeEnv(platformEnv, authVerifyEnv);
  const signSchema = composeEnv(platformEnv, authVerifyEnv, authSignEnv);

  function problemsOf(fn: () => unknown): string[] {
    const err = thrownBy(fn);
    expect(err).toBeInstanceOf(ConfigValidationError);
    return (err as ConfigValidationError).problems;
  }

  it('accepts an escaped one-line public key and applies the issuer and audience defaults', () => {
    const env = loadConfig(verifySchema, { ...required, JWT_PUBLIC_KEY: pemOf(ed25519.publicKey).replace(/\n/g, '\\n') });
    expect(env.JWT_ISSUER).toBe('dawg-ai');
    expect(env.JWT_AUDIENCE).toBe('dawg-ai');
  });

  it('rejects a garbage public key with a clear message that does not echo the value', () => {
    const problems = problemsOf(() => loadConfig(verifySchema, { ...required, JWT_PUBLIC_KEY: 'definitely-not-a-pem' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_PUBLIC_KEY: is not a readable public key \(.+\) \(got "<redacted>"\); expected an SPKI public key in PEM/);
    expect(problems.join('\n')).not.toContain('definitely-not-a-pem');
  });

  it('refuses a private key given where only the public key belongs', () => {
    const problems = problemsOf(() => loadConfig(verifySchema, { ...required, JWT_PUBLIC_KEY: pemOf(ed25519.privateKey) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_PUBLIC_KEY: holds a private key; give verifying services the public key only/);
  });

  it('rejects a public key file that cannot be read, naming the file variable', () => {
    const problems = problemsOf(() => loadConfig(verifySchema, { ...required, JWT_PUBLIC_KEY_FILE: '/nonexistent/dawg/jwt-public.pem' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_PUBLIC_KEY_FILE: is not a readable public key \(.*ENOENT.*\)/);
  });

  it('requires one of JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE', () => {
    const problems = problemsOf(() => loadConfig(verifySchema, required));
    expect(problems).toEqual([expect.stringMatching(/^JWT_PUBLIC_KEY: is required \(or set JWT_PUBLIC_KEY_FILE\) \(not set\)/)]);
  });

  it('rejects a garbage private key in the signing part', () => {
    const problems = problemsOf(() =>
      loadConfig(signSchema, { ...required, JWT_PUBLIC_KEY: pemOf(ed25519.publicKey), JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----' }),
    );
    expect(problems).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: is not a readable private key \(.+\) \(got "<redacted>"\)/)]);
  });

  it('reports every key problem of one boot together', () => {
    const problems = problemsOf(() => loadConfig(signSchema, { ...required, JWT_PUBLIC_KEY: 'garbage', JWT_ACCESS_TTL_SECONDS: '5' }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['JWT_ACCESS_TTL_SECONDS', 'JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY']);
  });
});
