import { createTestDatabase, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

describe('CORS from CORS_ORIGINS', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ service, url } = await ServiceProcess.start('api', { ...testServiceEnv(db.url), CORS_ORIGINS: 'https://studio.example.com,http://localhost:5173' }));
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const preflight = (origin: string) =>
    fetch(`${url}/api/v1/me`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type' } });

  it('grants a listed origin every method the API uses, with credentials', async () => {
    const res = await preflight('http://localhost:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('grants nothing to an origin that is not listed', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes the request id and rate-limit headers to listed origins', async () => {
    const res = await fetch(`${url}/health`, { headers: { origin: 'https://studio.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://studio.example.com');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});
