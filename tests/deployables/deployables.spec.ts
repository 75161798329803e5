import { healthReportSchema, errorBodySchema } from '@dawg/contracts';
import { createTestDatabase, DEPLOYABLES, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

/**
 * Every deployable, built to dist and started with plain `node` on a port
 * the OS picks, against the real Postgres and Redis.
 */
describe.each(DEPLOYABLES)('the %s deployable', (name) => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ service, url } = await ServiceProcess.start(name, testServiceEnv(db.url)));
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('answers /health without touching any dependency', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    const body = healthReportSchema.parse(await res.json());
    expect(body).toMatchObject({ status: 'ok', service: name, version: '0.1.0', checks: {} });
  });

  it('answers /ready with Postgres and Redis up and their latency', async () => {
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(200);
    const body = healthReportSchema.parse(await res.json());
    expect(body.status).toBe('ok');
    expect(body.checks.postgres).toMatchObject({ status: 'up' });
    expect(body.checks.redis).toMatchObject({ status: 'up' });
    expect(body.checks.postgres!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('serves Prometheus metrics with process defaults and the request histogram', async () => {
    await fetch(`${url}/ready`);
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
    expect(text).toMatch(new RegExp(`http_request_duration_seconds_bucket\\{le="0.005",service="${name}",method="GET",route="/ready",status_code="200"\\}`));
  });

  it('echoes the caller’s request id and logs the request with it', async () => {
    const res = await fetch(`${url}/ready`, { headers: { 'x-request-id': `probe-${name}-1` } });
    expect(res.headers.get('x-request-id')).toBe(`probe-${name}-1`);
    const line = await service.waitForLog((l) => l.requestId === `probe-${name}-1` && l.msg === 'request completed');
    expect(line).toMatchObject({ level: 'info', service: name, res: { statusCode: 200 } });
    const generated = await fetch(`${url}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await fetch(`${url}/api/v1/no-such-thing`, { headers: { 'x-request-id': 'nf-1' } });
    expect(res.status).toBe(404);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'nf-1' });
  });

  it('answers a body over the limit with 413 and malformed JSON with 400, both in the error shape', async () => {
    const big = await fetch(`${url}/api/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    expect(errorBodySchema.parse(await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE');

    const bad = await fetch(`${url}/api/v1/anything`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"bpm": 1' });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).error.code).toBe('INVALID_JSON');
  });

  it('sends security headers with a content security policy, and no CORS grant without CORS_ORIGINS', async () => {
    const res = await fetch(`${url}/health`, { headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never writes a line to stdout that is not JSON', () => {
    expect(service.lines.filter((l) => l.unparsed)).toEqual([]);
  });
});
