import { Client } from 'pg';
import { type ApiKey, type CreatedApiKey, type Project } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';

describe('API keys', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' });
    service = await startService(apiService, env);
    api = new ApiClient(service.url);
    token = (await api.register('machine-owner@example.com')).tokens.accessToken;
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  it('shows the secret once, stores only its hash, and authenticates x-api-key within its scopes', async () => {
    const created = await api.call<CreatedApiKey>('POST', '/api-keys', { name: 'CI uploader', scopes: ['projects:read'] }, token);
    expect(created.status).toBe(201);
    const { secret, apiKey } = created.body;
    expect(secret).toMatch(/^dawg_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query('SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
    await pg.end();
    expect(JSON.stringify(rows)).not.toContain(secret.split('_')[2]);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await api.call<{ items: ApiKey[] }>('GET', '/api-keys', undefined, token);
    expect(listed.body.items.map((k) => k.id)).toEqual([apiKey.id]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const mine = await api.call<Project>('POST', '/projects', { name: 'Keyed' }, token);
    const read = await api.call<Project>('GET', `/projects/${mine.body.id}`, undefined, { apiKey: secret });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Keyed');

    // Outside its scopes: writes, key management, and routes that declare no scope at all.
    const write = await api.call('POST', '/projects', { name: 'Nope' }, { apiKey: secret });
    expect(write.status).toBe(403);
    expect(write.body.error!.details).toEqual({ requiredScopes: ['projects:write'] });
    expect((await api.call('POST', '/api-keys', { name: 'child', scopes: ['projects:read'] }, { apiKey: secret })).status).toBe(403);
    expect((await api.call('GET', '/me', undefined, { apiKey: secret })).status).toBe(403);
  });

  it('refuses unknown, malformed and revoked keys with 401, and a request carrying two credentials', async () => {
    const created = (await api.call<CreatedApiKey>('POST', '/api-keys', { name: 'temp', scopes: ['projects:read', 'projects:write'] }, token)).body;
    expect((await api.call('GET', '/projects', undefined, { apiKey: created.secret })).status).toBe(200);
    const both = await fetch(`${service.url}/api/v1/projects`, { headers: { authorization: `Bearer ${token}`, 'x-api-key': created.secret } });
    expect(both.status).toBe(401);

    expect((await api.call('DELETE', `/api-keys/${created.apiKey.id}`, undefined, token)).status).toBe(204);
    const revoked = await api.call('GET', '/projects', undefined, { apiKey: created.secret });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error!.code).toBe('UNAUTHENTICATED');
    expect((await api.call('GET', '/projects', undefined, { apiKey: 'dawg_AAAAAAAA_' + 'x'.repeat(43) })).status).toBe(401);
    expect((await api.call('GET', '/projects', undefined, { apiKey: 'not a key' })).status).toBe(401);
  });

  it('lets only admins grant ops scopes, and hides other users’ keys (404)', async () => {
    const ops = await api.call('POST', '/api-keys', { name: 'ops', scopes: ['ops:execute'] }, token);
    expect(ops.status).toBe(403);
    const other = (await api.register('someone-else@example.com')).tokens.accessToken;
    const theirs = (await api.call<CreatedApiKey>('POST', '/api-keys', { name: 'theirs', scopes: ['audio:read'] }, other)).body;
    expect((await api.call('DELETE', `/api-keys/${theirs.apiKey.id}`, undefined, token)).status).toBe(404);
    expect((await api.call('GET', '/projects', undefined, { apiKey: theirs.secret })).status).toBe(403);
    const bad = await api.call('POST', '/api-keys', { name: '', scopes: ['root'], admin: true }, token);
    expect(bad.status).toBe(400);
  });
});

describe('entitlements where they are used', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ApiClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Billing configured: new accounts are on the free plan. No Stripe call is made by these tests.
    const env = loadConfig(apiEnv, {
      ...testServiceEnv(db.url),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_AUTH: '1000/900',
      STRIPE_SECRET_KEY: 'sk_test_entitlements',
      STRIPE_WEBHOOK_SECRET: 'whsec_entitlements',
      STRIPE_PRICE_PRO: 'price_pro',
      STRIPE_PRICE_STUDIO: 'price_studio',
      APP_URL: 'http://127.0.0.1:9/app',
    });
    service = await startService(apiService, env);
    api = new ApiClient(service.url);
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  it('stops the free plan at its project limit with 402 naming the limit, even under parallel requests', async () => {
    const token = (await api.register('free@example.com')).tokens.accessToken;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api.call('POST', '/projects', { name: `P${i}` }, token)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 402, 402, 402]);
    const refused = results.find((r) => r.status === 402)!;
    expect(refused.body.error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { entitlement: 'maxProjects', limit: 3, plan: 'free' } });
    const page = await api.call<{ total: number }>('GET', '/projects', undefined, token);
    expect(page.body.total).toBe(3);
  });
});
