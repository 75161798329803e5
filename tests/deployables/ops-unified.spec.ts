import { Client } from 'pg';
import { executeResponseSchema, opsHealthResponseSchema, opsMetricsResponseSchema, sessionResponseSchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

/**
 * The ops control plane in the local default: no OPS_SERVICE_URLS, every
 * module in one process. Health comes from this process's readiness, and the
 * generation and ai-brain stats are read over loopback through the same client.
 */
describe('ops control plane in unified (in-process mode)', () => {
  let db: TestDatabase;
  let service: RunningService;
  let pg: Client;
  let admin: string;

  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${service.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...init.headers } });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    service = await startService(unifiedService, loadConfig(unifiedEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
    const register = await fetch(`${service.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'correct horse battery', displayName: 'Ops' }),
    });
    const { user } = sessionResponseSchema.parse(await register.json());
    await pg.query(`UPDATE users SET roles = '{user,admin}' WHERE id = $1`, [user.id]);
    const login = await fetch(`${service.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'correct horse battery' }),
    });
    admin = sessionResponseSchema.parse(await login.json()).tokens.accessToken;
  });
  afterAll(async () => {
    await service?.shutdown();
    await pg?.end();
    await db?.drop();
  });

  it('reports every service from this process, and says so', async () => {
    const res = await get('/ops/health');
    expect(res.status).toBe(200);
    const health = opsHealthResponseSchema.parse(res.body);
    expect(health).toMatchObject({ mode: 'in-process', status: 'up' });
    expect(health.services.map((s) => s.name)).toEqual(['api', 'ai-brain', 'voice', 'generation', 'gateway']);
    for (const s of health.services) expect(s.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('sums AI cost per provider and UTC day, and counts jobs, over loopback', async () => {
    const { rows } = await pg.query<{ id: string }>(`SELECT id FROM users`);
    const userId = rows[0]!.id;
    await pg.query(
      `INSERT INTO ai_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, created_at) VALUES
         ($1, 'anthropic', 'claude', 1000, 200, 0.012345, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 minute'),
         ($1, 'anthropic', 'claude', 500, 100, 0.000001, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '2 minutes'),
         ($1, 'openai', 'gpt', 10, 20, 0.5, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day' + interval '1 hour'),
         ($1, 'openai', 'gpt', 10, 20, 9, now() - interval '40 days')`,
      [userId],
    );
    await pg.query(`INSERT INTO generation_jobs (user_id, kind, status) VALUES ($1, 'beat', 'running'), ($1, 'beat', 'cancelled')`, [userId]);

    const res = await get('/ops/metrics?days=2');
    expect(res.status).toBe(200);
    const metrics = opsMetricsResponseSchema.parse(res.body);
    expect(metrics.missing).toEqual([]);
    expect(metrics.generationJobs).toMatchObject({ jobsByStatus: { running: 1, cancelled: 1, queued: 0 }, total: 2 });
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(metrics.aiCost).toEqual({
      days: 2,
      from: yesterday,
      costByProviderPerDay: [
        { day: yesterday, provider: 'openai', calls: 1, inputTokens: 10, outputTokens: 20, costUsd: 0.5 },
        { day: today, provider: 'anthropic', calls: 2, inputTokens: 1500, outputTokens: 300, costUsd: 0.012346 },
      ],
      totalCostUsd: 0.512346,
    });
  });

  it('dispatches an execute action to a module of this same process', async () => {
    const res = await get('/execute', { method: 'POST', body: JSON.stringify({ module: 'ai', action: 'usage', params: { days: 1 } }) });
    expect(res.status).toBe(200);
    expect(executeResponseSchema.parse(res.body)).toMatchObject({ module: 'ai', action: 'usage', status: 200, attempts: 1, result: { days: 1 } });
  });
});
