import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { executeResponseSchema, opsHealthResponseSchema, opsMetricsResponseSchema, sessionResponseSchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, HttpReceiver, type ReceivedRequest, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { HealthHistoryRepository } from '../src/ops/health-history.repository';
import { HealthSampler } from '../src/ops/health-sampler';

type Body = Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } };

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const READY_BODY = JSON.stringify({ status: 'ok', service: 'ai-brain', version: 'test', uptime: 1, checks: { postgres: { status: 'up', latencyMs: 1 } } });
const AI_STATS_BODY = JSON.stringify({ days: 7, from: '2025-01-01', costByProviderPerDay: [], totalCostUsd: 0 });

describe('ops control plane', () => {
  let db: TestDatabase;
  let api: RunningService;
  let generation: ServiceProcess;
  let generationUrl: string;
  // Stands in for ai-brain: answers /ready, and its stats route fails on demand.
  let aiBrain: HttpReceiver;
  let aiFailuresLeft = 0;
  let aiAlwaysFails = false;
  let pg: Client;
  let admin: string;
  let musician: string;

  const call = async (method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Body };
  };
  const signUp = async (email: string): Promise<{ id: string; token: string }> => {
    const res = await call('POST', '/auth/register', { email, password: 'correct horse battery', displayName: 'Op' });
    expect(res.status).toBe(201);
    const session = sessionResponseSchema.parse(res.body);
    return { id: session.user.id, token: session.tokens.accessToken };
  };
  const statsCalls = (): ReceivedRequest[] => aiBrain.requests.filter((r) => r.path.startsWith('/api/v1/ai/usage/stats'));

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    ({ service: generation, url: generationUrl } = await ServiceProcess.start('generation', testServiceEnv(db.url)));
    aiBrain = await HttpReceiver.start((req) => {
      if (req.path === '/ready') return { status: 200, body: READY_BODY };
      if (aiAlwaysFails || aiFailuresLeft > 0) {
        aiFailuresLeft = Math.max(0, aiFailuresLeft - 1);
        return { status: 503, body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'busy', requestId: 'x' } }) };
      }
      return { status: 200, body: AI_STATS_BODY };
    });
    const env = loadConfig(apiEnv, {
      ...testServiceEnv(db.url),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_AUTH: '1000/900',
      RATE_LIMIT_GENERAL: '10000/900',
      OPS_SERVICE_URLS: `generation=${generationUrl},ai-brain=${aiBrain.url},voice=http://127.0.0.1:${await deadPort()}`,
      OPS_HEALTH_SAMPLE_SECONDS: '1',
      OPS_HEALTH_TIMEOUT_MS: '1000',
      OPS_RETRY_BASE_DELAY_MS: '5',
      OPS_RETRY_MAX_DELAY_MS: '20',
      OPS_BREAKER_FAILURES: '4',
      OPS_BREAKER_COOLDOWN_MS: '600000',
    });
    api = await startService(apiService, env);

    const adminUser = await signUp('root@example.com');
    await pg.query(`UPDATE users SET roles = '{user,admin}' WHERE id = $1`, [adminUser.id]);
    const login = await call('POST', '/auth/login', { email: 'root@example.com', password: 'correct horse battery' });
    admin = sessionResponseSchema.parse(login.body).tokens.accessToken;
    musician = (await signUp('musician@example.com')).token;
  });
  afterAll(async () => {
    await api?.shutdown();
    await generation?.stop();
    await aiBrain?.close();
    await pg?.end();
    await db?.drop();
  });

  it('refuses anonymous callers with 401 and non-admins with 403 on every ops route', async () => {
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/ops/health', undefined],
      ['GET', '/ops/metrics', undefined],
      ['POST', '/execute', { module: 'generation', action: 'stats', params: {} }],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = await call(method, path, body);
      expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      const user = await call(method, path, body, musician);
      expect([path, user.status, user.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    // The services' own stats routes are admin-only too.
    const direct = await fetch(`${generationUrl}/api/v1/generation/stats`, { headers: { authorization: `Bearer ${musician}` } });
    expect(direct.status).toBe(403);
  });

  it('reports each service up or down with latencies, answering 200 while one is unreachable', async () => {
    const res = await call('GET', '/ops/health', undefined, admin);
    expect(res.status).toBe(200);
    const health = opsHealthResponseSchema.parse(res.body);
    expect(health.mode).toBe('directory');
    expect(health.status).toBe('degraded');
    const byName = Object.fromEntries(health.services.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['ai-brain', 'api', 'generation', 'voice']);
    expect(byName.api).toMatchObject({ status: 'up', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(byName.generation).toMatchObject({ status: 'up', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(byName['ai-brain']!.status).toBe('up');
    expect(byName.voice).toMatchObject({ status: 'down', checks: {}, lastError: 'ECONNREFUSED' });
    for (const s of health.services) expect(s.latencyMs).toBeGreaterThan(0);
  });

  it('keeps samples in Redis for the 24 h uptime, one sampler per interval across replicas', async () => {
    const history = api.app.get(HealthHistoryRepository);
    const now = Date.now();
    // Older failures of generation: three inside the window, one outside it.
    for (const hoursAgo of [2, 3, 4, 25]) await history.record('generation', 'down', now - hoursAgo * 3_600_000);

    // The background sampler (every second here) records every service.
    let health = opsHealthResponseSchema.parse((await call('GET', '/ops/health', undefined, admin)).body);
    for (const deadline = Date.now() + 20_000; health.services.some((s) => s.samples24h < 5) && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = opsHealthResponseSchema.parse((await call('GET', '/ops/health', undefined, admin)).body);
    }
    const byName = Object.fromEntries(health.services.map((s) => [s.name, s]));
    expect(byName.voice!.samples24h).toBeGreaterThanOrEqual(2);
    expect(byName.voice!.uptime24h).toBe(0);
    expect(byName.api!.uptime24h).toBe(1);
    const gen = byName.generation!;
    expect(gen.samples24h).toBeGreaterThanOrEqual(5);
    expect(gen.uptime24h).toBeCloseTo((gen.samples24h - 3) / gen.samples24h, 3);

    // A slot is sampled once, whichever replica claims it first.
    const sampler = api.app.get(HealthSampler);
    const slotTime = now - 12 * 3_600_000;
    expect(await sampler.sample(slotTime)).toBe(true);
    expect(await sampler.sample(slotTime)).toBe(false);
  });

  it('executes an action on the owning service and audits it', async () => {
    const res = await call('POST', '/execute', { module: 'generation', action: 'stats', params: {} }, admin);
    expect(res.status).toBe(200);
    const answer = executeResponseSchema.parse(res.body);
    expect(answer).toMatchObject({ module: 'generation', action: 'stats', status: 200, attempts: 1 });
    expect(answer.result).toMatchObject({ jobsByStatus: { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 }, total: 0 });

    const { rows } = await pg.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'ops.execute' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(rows[0]!.details).toMatchObject({ module: 'generation', action: 'stats', outcome: 'succeeded', target: 'generation', status: 200, attempts: 1 });
    expect(rows[0]!.actor_id).toEqual(expect.any(String));
  });

  it('retries a GET action through two failures, forwarding the credential, request id and one idempotency key', async () => {
    aiFailuresLeft = 2;
    const before = statsCalls().length;
    const res = await call('POST', '/execute', { module: 'ai', action: 'usage', params: { days: 3 } }, admin, { 'x-request-id': 'ops-retry-test-1', 'idempotency-key': 'idem-key-12345' });
    expect(res.status).toBe(200);
    expect(executeResponseSchema.parse(res.body)).toMatchObject({ module: 'ai', action: 'usage', status: 200, attempts: 3 });
    const sent = statsCalls().slice(before);
    expect(sent).toHaveLength(3);
    for (const req of sent) {
      expect(req.path).toBe('/api/v1/ai/usage/stats?days=3');
      expect(req.headers).toMatchObject({ authorization: `Bearer ${admin}`, 'x-request-id': 'ops-retry-test-1', 'idempotency-key': 'idem-key-12345' });
    }
  });

  it('opens the breaker after repeated failures and then answers 503 without calling the target', async () => {
    aiAlwaysFails = true;
    const before = statsCalls().length;
    const first = await call('POST', '/execute', { module: 'ai', action: 'usage', params: {} }, admin);
    expect(first.status).toBe(503);
    expect(first.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { target: 'ai-brain', attempts: 3 } });
    // The fourth failure in a row opens the circuit; the retry after it is refused by the breaker.
    const second = await call('POST', '/execute', { module: 'ai', action: 'usage', params: {} }, admin);
    expect(second.status).toBe(503);
    expect(statsCalls().length - before).toBe(4);

    const fast = await call('POST', '/execute', { module: 'ai', action: 'usage', params: {} }, admin);
    expect(fast.status).toBe(503);
    expect(fast.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { target: 'ai-brain' } });
    expect(statsCalls().length - before).toBe(4);

    // One target's open circuit leaves the others alone.
    expect((await call('POST', '/execute', { module: 'generation', action: 'stats', params: {} }, admin)).status).toBe(200);
    const scrape = await (await fetch(`${api.url}/metrics`)).text();
    expect(scrape).toMatch(/circuit_breaker_state\{[^}]*target="ai-brain"[^}]*\} 2/);
    expect(scrape).toMatch(/retries_total\{[^}]*target="ai-brain"[^}]*\} [1-9]/);
  });

  it('answers 404 for an unknown module or action and 400 for bad params or envelopes', async () => {
    const unknownAction = await call('POST', '/execute', { module: 'generation', action: 'explode', params: {} }, admin);
    expect(unknownAction.status).toBe(404);
    expect(unknownAction.body.error).toMatchObject({ code: 'NOT_FOUND', details: { known: expect.arrayContaining(['generation.stats', 'ai.usage']) } });
    expect((await call('POST', '/execute', { module: 'toaster', action: 'stats' }, admin)).status).toBe(404);
    // Inherited object keys are not actions.
    expect((await call('POST', '/execute', { module: 'ops', action: 'constructor' }, admin)).status).toBe(404);

    const badParams = await call('POST', '/execute', { module: 'ai', action: 'usage', params: { days: 0, extra: true } }, admin);
    expect(badParams.status).toBe(400);
    const paths = (badParams.body.error!.details!.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['params', 'params.days']);

    const badEnvelope = await call('POST', '/execute', { module: 'generation', action: 'stats', sudo: true }, admin);
    expect(badEnvelope.status).toBe(400);
    expect(badEnvelope.body.error!.code).toBe('VALIDATION_FAILED');

    const { rows } = await pg.query<{ outcome: string }>(`SELECT details->>'outcome' AS outcome FROM audit_events WHERE action = 'ops.execute'`);
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['succeeded', 'failed', 'unknown-action', 'invalid-params']));
  });

  it('lets API keys in only with ops scopes, and delegates a key caller to other services with a short-lived token', async () => {
    const key = async (scopes: string[]) => {
      const res = await call('POST', '/api-keys', { name: scopes.join(' '), scopes }, admin);
      expect(res.status).toBe(201);
      return { 'x-api-key': (res.body as unknown as { secret: string }).secret };
    };
    const operator = await key(['ops:read', 'ops:execute']);
    const executed = await call('POST', '/execute', { module: 'generation', action: 'stats', params: {} }, undefined, operator);
    expect(executed.status).toBe(200);
    expect(executed.body).toMatchObject({ module: 'generation', action: 'stats', status: 200 });
    expect((await call('GET', '/ops/health', undefined, undefined, operator)).status).toBe(200);

    const readOnly = await key(['ops:read']);
    expect((await call('GET', '/ops/health', undefined, undefined, readOnly)).status).toBe(200);
    expect((await call('POST', '/execute', { module: 'generation', action: 'stats', params: {} }, undefined, readOnly)).status).toBe(403);
    // An admin's key without ops scopes is not an admin session.
    const projectsOnly = await key(['projects:read']);
    expect((await call('GET', '/ops/health', undefined, undefined, projectsOnly)).status).toBe(403);
    expect((await call('POST', '/execute', { module: 'generation', action: 'stats', params: {} }, undefined, projectsOnly)).status).toBe(403);
  });

  it('reports platform metrics from seeded rows, naming the part whose service is down', async () => {
    const { rows: users } = await pg.query<{ id: string }>(`SELECT id FROM users ORDER BY created_at`);
    const owner = users[0]!.id;
    // Two old accounts: one 3 days old, one 30 days old and idle.
    await pg.query(`INSERT INTO users (email, password_hash, display_name, created_at) VALUES ('old3@example.com', 'x', 'Old', now() - interval '3 days'), ('old30@example.com', 'x', 'Older', now() - interval '30 days')`);
    await pg.query(`INSERT INTO projects (owner_id, name) VALUES ($1, 'One'), ($1, 'Two')`, [owner]);
    await pg.query(
      `INSERT INTO generation_jobs (user_id, kind, status) VALUES ($1, 'beat', 'queued'), ($1, 'beat', 'succeeded'), ($1, 'melody', 'succeeded'), ($1, 'stems', 'failed')`,
      [owner],
    );
    const res = await call('GET', '/ops/metrics?days=14', undefined, admin);
    expect(res.status).toBe(200);
    const metrics = opsMetricsResponseSchema.parse(res.body);
    // The admin and the musician signed in today; the seeded accounts never did.
    expect(metrics.users).toEqual({ active24h: 2, new24h: 2, new7d: 3, total: 4 });
    expect(metrics.projects).toEqual({ total: 2 });
    // Per UTC day, oldest first, every one of the 14 days present: the 30-day-old account is out of range.
    const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    expect(metrics.daily).toHaveLength(14);
    expect(metrics.daily[13]).toEqual({ day: utcDay(0), newUsers: 2, newProjects: 2 });
    expect(metrics.daily.find((d) => d.day === utcDay(3))).toEqual({ day: utcDay(3), newUsers: 1, newProjects: 0 });
    expect(metrics.daily.reduce((sum, d) => sum + d.newUsers, 0)).toBe(3);
    expect(metrics.generationJobs).toEqual({ jobsByStatus: { queued: 1, running: 0, succeeded: 2, failed: 1, cancelled: 0 }, total: 4, createdLast24h: 4 });
    // ai-brain's breaker is open from the test before: its part is missing, the rest is there.
    expect(metrics.aiCost).toBeNull();
    expect(metrics.missing).toEqual([{ part: 'aiCost', service: 'ai-brain', error: expect.stringMatching(/ai-brain/) }]);

    for (const bad of ['days=0', 'days=91', 'days=abc', 'since=1']) {
      const refused = await call('GET', `/ops/metrics?${bad}`, undefined, admin);
      expect([bad, refused.status, refused.body.error?.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });
});
