import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { composeEnv, loadConfig, platformEnv, type RunningService, startService } from '@dawg/platform';
import { AuthModule, authSignEnv, authVerifyEnv, CurrentUser, JwtSigner, type Principal, Public, Roles } from '../src';

@Controller('probe')
class ProbeController {
  @Get('me')
  me(@CurrentUser() user: Principal): Principal {
    return user;
  }

  @Roles('admin')
  @Get('admin')
  admin(@CurrentUser() user: Principal): { admin: string } {
    return { admin: user.id };
  }

  // Public: the guard's opt-out, reachable by anyone.
  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }

  // Public, yet asks for a user: a programming mistake that must not leak a 500.
  @Public()
  @Get('open-me')
  openMe(@CurrentUser() user: Principal): Principal {
    return user;
  }
}

// Roles on the class apply to every route in it.
@Roles('admin')
@Controller('admin-area')
class AdminAreaController {
  @Get()
  index(): { area: 'admin' } {
    return { area: 'admin' };
  }
}

@Module({ controllers: [ProbeController, AdminAreaController] })
class ProbeModule {}

interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

describe('AuthModule in a running service', () => {
  const schema = composeEnv(platformEnv, authVerifyEnv, authSignEnv);
  let db: TestDatabase;
  let service: RunningService;
  let signer: JwtSigner;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = loadConfig(schema, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    service = await startService(
      { name: 'auth-test', version: '0.0.0-test', env: schema, modules: (e) => [AuthModule.forRoot(e, e), ProbeModule] },
      env,
    );
    signer = service.app.get(JwtSigner);
  });

  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  const get = (path: string, token?: string, requestId?: string): Promise<Response> =>
    fetch(`${service.url}${path}`, {
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(requestId ? { 'x-request-id': requestId } : {}) },
    });

  const userToken = (): string => signer.sign({ sub: 'user-42', roles: ['user'], sid: 'session-7' });
  const adminToken = (): string => signer.sign({ sub: 'admin-1', roles: ['user', 'admin'] });

  async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.requestId).toEqual(expect.any(String));
    return body;
  }

  it('answers a request without a token with 401 in the error shape', async () => {
    const res = await get('/api/v1/probe/me', undefined, 'no-token-1');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Authentication is required.', requestId: 'no-token-1' },
    });
  });

  it('answers 401 to an authorization header that is not a bearer token', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', userToken()]) {
      const res = await fetch(`${service.url}/api/v1/probe/me`, { headers: { authorization } });
      await expectError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('answers 401 to a garbage token', async () => {
    for (const token of ['garbage', 'a.b.c', `${Buffer.from('null').toString('base64url')}.e30.abc`]) {
      await expectError(await get('/api/v1/probe/me', token), 401, 'UNAUTHENTICATED');
    }
  });

  it('answers 401 to an expired token', async () => {
    const expired = signer.sign({ sub: 'user-42', roles: ['user'] }, -120);
    const body = await expectError(await get('/api/v1/probe/me', expired), 401, 'UNAUTHENTICATED');
    expect(body.error.message).toBe('The access token has expired.');
  });

  it('answers 401 to a token signed by another key', async () => {
    const other = new JwtSigner(generateKeyPairSync('ed25519').privateKey, { issuer: 'dawg-ai', audience: 'dawg-ai', ttlSeconds: 300 });
    await expectError(await get('/api/v1/probe/me', other.sign({ sub: 'user-42', roles: ['admin'] })), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 to a token whose payload was altered', async () => {
    const [header, payload, signature] = userToken().split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    await expectError(await get('/api/v1/probe/admin', `${header}.${escalated}.${signature}`), 401, 'UNAUTHENTICATED');
  });

  it('lets a user token through and hands the handler the principal', async () => {
    const res = await get('/api/v1/probe/me', userToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'user-42', roles: ['user'], sessionId: 'session-7' });
  });

  it('accepts the bearer scheme in any case', async () => {
    const res = await fetch(`${service.url}/api/v1/probe/me`, { headers: { authorization: `bearer ${userToken()}` } });
    expect(res.status).toBe(200);
  });

  it('answers 403 FORBIDDEN when a user token calls an admin route', async () => {
    const body = await expectError(await get('/api/v1/probe/admin', userToken(), 'forbid-1'), 403, 'FORBIDDEN');
    expect(body.error.requestId).toBe('forbid-1');
    expect(body.error.message).toMatch(/admin/);
    await expectError(await get('/api/v1/admin-area', userToken()), 403, 'FORBIDDEN');
  });

  it('lets an admin token through to admin routes', async () => {
    const res = await get('/api/v1/probe/admin', adminToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ admin: 'admin-1' });
    expect((await get('/api/v1/admin-area', adminToken())).status).toBe(200);
  });

  it('answers 401, not 403, to an admin route without a token', async () => {
    await expectError(await get('/api/v1/probe/admin'), 401, 'UNAUTHENTICATED');
  });

  it('serves a @Public() route without a token, and ignores a bad one there', async () => {
    const res = await get('/api/v1/probe/open');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ open: true });
    expect((await get('/api/v1/probe/open', 'garbage')).status).toBe(200);
  });

  it('answers 401 when a @Public() route asks for the current user', async () => {
    await expectError(await get('/api/v1/probe/open-me'), 401, 'UNAUTHENTICATED');
  });

  it('keeps /health, /ready and /metrics public', async () => {
    expect((await get('/health')).status).toBe(200);
    expect((await get('/ready')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
  });

  it('answers 404 for an unknown route in the error shape', async () => {
    await expectError(await get('/api/v1/nowhere', userToken()), 404, 'NOT_FOUND');
  });
});
