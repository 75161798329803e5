import { randomUUID } from 'node:crypto';
import { JwtSigner } from '@dawg/auth';
import { errorBodySchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';

describe('rate limits shared across replicas through Redis', () => {
  let db: TestDatabase;
  let replicas: RunningService[];

  beforeAll(async () => {
    db = await createTestDatabase();
    // One environment, so both replicas share Redis and its key prefix, as in a deployment.
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_GENERAL: '8/900' });
    replicas = [await startService(apiService, env), await startService(apiService, env)];
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.shutdown()));
    await db?.drop();
  });

  const login = (replica: RunningService) =>
    fetch(`${replica.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.com', password: 'guess' }),
    });

  it('trips the auth limit at the sixth attempt whichever replica serves it', async () => {
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const res = await login(replicas[attempt % 2]!);
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining'));
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.headers.get('ratelimit-limit')).toBe('5');
        const body = errorBodySchema.parse(await res.json());
        expect(body.error).toMatchObject({ code: 'RATE_LIMITED', details: { policy: 'auth', limit: 5, windowSeconds: 900 } });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0', '0']);
  });

  it('limits a signed-in user on other routes by the general policy, across replicas, and never limits probes', async () => {
    const token = replicas[0]!.app.get(JwtSigner).sign({ sub: randomUUID(), roles: ['user'] });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await fetch(`${replicas[i % 2]!.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status);
    // The user has no account row (404) until the shared general budget (8) is spent.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 429]);
    for (let i = 0; i < 12; i++) expect((await fetch(`${replicas[0]!.url}/health`)).status).toBe(200);
  });
});
