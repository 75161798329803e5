import { Client } from 'pg';
import { sessionResponseSchema, tokenPairSchema, userSchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';

describe('accounts', () => {
  let db: TestDatabase;
  let service: RunningService;

  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } };
  };
  const register = async (email: string, password = 'correct horse battery') => {
    const res = await call('POST', '/auth/register', { email, password, displayName: 'Ada' });
    expect(res.status).toBe(201);
    return sessionResponseSchema.parse(res.body);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // These tests sign in far more often than the production auth limit allows one IP.
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '1000/900' });
    service = await startService(apiService, env);
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  it('registers an account, stores only an argon2id hash, and signs the musician in', async () => {
    const session = await register('ada@example.com');
    expect(session.user).toMatchObject({ email: 'ada@example.com', displayName: 'Ada', roles: ['user'], version: 1 });
    const me = await call('GET', '/me', undefined, session.tokens.accessToken);
    expect(me.status).toBe(200);
    expect(userSchema.parse(me.body).id).toBe(session.user.id);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [session.user.id]);
    await pg.end();
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain('correct horse');
  });

  it('refuses a second account with the same email in another case', async () => {
    await register('grace@example.com');
    const again = await call('POST', '/auth/register', { email: 'GRACE@example.com', password: 'another long password', displayName: 'G' });
    expect(again.status).toBe(409);
    expect(again.body.error!.code).toBe('CONFLICT');
  });

  it('rejects bad registration input with every field path, including unknown fields', async () => {
    const res = await call('POST', '/auth/register', { email: 'not-an-email', password: 'short', displayName: '', admin: true });
    expect(res.status).toBe(400);
    const issues = (res.body.error!.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort();
    expect(issues).toEqual(['', 'displayName', 'email', 'password']);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    await register('linus@example.com');
    const wrong = await call('POST', '/auth/login', { email: 'linus@example.com', password: 'not the password' });
    const unknown = await call('POST', '/auth/login', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error!.message).toBe(unknown.body.error!.message);
    const right = await call('POST', '/auth/login', { email: 'LINUS@example.com', password: 'correct horse battery' });
    expect(right.status).toBe(200);
    sessionResponseSchema.parse(right.body);
  });

  it('rotates refresh tokens, and a reused one revokes the whole login', async () => {
    const { tokens } = await register('margaret@example.com');
    const first = await call('POST', '/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(first.status).toBe(200);
    const rotated = tokenPairSchema.parse(first.body);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);

    const replay = await call('POST', '/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error!.message).toMatch(/already used/);

    // The thief's replay also killed the legitimate, newer token of the same login.
    const afterReuse = await call('POST', '/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(afterReuse.status).toBe(401);
  });

  it('grants one new pair when the same refresh token is sent twice at once', async () => {
    const { tokens } = await register('barbara@example.com');
    const results = await Promise.all([1, 2].map(() => call('POST', '/auth/refresh', { refreshToken: tokens.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logs out: the refresh token stops working, and logging out again is harmless', async () => {
    const { tokens } = await register('edsger@example.com');
    expect((await call('POST', '/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await call('POST', '/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    expect((await call('POST', '/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
  });

  it('updates the profile with the current version and refuses a stale one with 409', async () => {
    const { tokens, user } = await register('alan@example.com');
    const updated = await call('PUT', '/me', { displayName: 'Alan T.', version: user.version }, tokens.accessToken);
    expect(updated.status).toBe(200);
    expect(userSchema.parse(updated.body)).toMatchObject({ displayName: 'Alan T.', version: user.version + 1 });

    const stale = await call('PUT', '/me', { displayName: 'Overwritten', version: user.version }, tokens.accessToken);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: user.version + 1 } });
    expect(userSchema.parse((await call('GET', '/me', undefined, tokens.accessToken)).body).displayName).toBe('Alan T.');
  });

  it('requires a session for /me', async () => {
    expect((await call('GET', '/me')).status).toBe(401);
    expect((await call('PUT', '/me', { displayName: 'x', version: 1 })).status).toBe(401);
  });
});

describe('the audit log of accounts', () => {
  let db: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '100/900' };
    service = await startService(apiService, loadConfig(apiEnv, env));
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  const post = (path: string, body: unknown, requestId: string) =>
    fetch(`${service.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) });

  it('records sign-up, failed and successful sign-in, refresh-token reuse and logout with their request ids', async () => {
    const session = sessionResponseSchema.parse(await (await post('/auth/register', { email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada' }, 'a-reg')).json());
    expect((await post('/auth/login', { email: 'ada@example.com', password: 'wrong password' }, 'a-bad')).status).toBe(401);
    expect((await post('/auth/refresh', { refreshToken: session.tokens.refreshToken }, 'a-ref')).status).toBe(200);
    expect((await post('/auth/refresh', { refreshToken: session.tokens.refreshToken }, 'a-reuse')).status).toBe(401);
    const login = sessionResponseSchema.parse(await (await post('/auth/login', { email: 'ada@example.com', password: 'correct horse battery' }, 'a-ok')).json());
    expect((await post('/auth/logout', { refreshToken: login.tokens.refreshToken }, 'a-out')).status).toBe(204);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query<{ action: string; actor_id: string | null; request_id: string; ip: string }>(
      'SELECT action, actor_id, request_id, ip FROM audit_events ORDER BY occurred_at, action',
    );
    await pg.end();
    expect(rows.map((r) => [r.action, r.request_id])).toEqual([
      ['account.registered', 'a-reg'],
      ['auth.login.failed', 'a-bad'],
      ['auth.refresh.reused', 'a-reuse'],
      ['auth.login.succeeded', 'a-ok'],
      ['auth.logout', 'a-out'],
    ]);
    expect(rows.every((r) => r.actor_id === session.user.id && r.ip === '127.0.0.1')).toBe(true);
  });
});
