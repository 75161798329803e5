import { request } from 'node:http';
import { errorBodySchema } from '@dawg/contracts';
import { createTestDatabase, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

describe('graceful shutdown', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lets a request in flight at SIGTERM finish, refuses new connections, then exits 0', async () => {
    const { service, url } = await ServiceProcess.start('api', testServiceEnv(db.url));
    const { port } = new URL(url);

    // A client uploading its body slowly: the request is in flight when SIGTERM arrives.
    const body = JSON.stringify({ name: 'slow upload', padding: 'x'.repeat(1000) });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/uploads', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'in-flight-1' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      void service.waitForLog((l) => l.msg === 'draining').then(() => setTimeout(() => req.end(body.slice(10)), 300));
    });

    await new Promise((r) => setTimeout(r, 300));
    service.signal('SIGTERM');
    const draining = await service.waitForLog((l) => l.msg === 'draining');
    expect(draining).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });

    // While draining, the listener is closed: new connections are refused.
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    const res = await response;
    expect(res.status).toBe(404); // the request completed normally, in the error shape
    expect(errorBodySchema.parse(JSON.parse(res.body)).error.requestId).toBe('in-flight-1');

    expect(await service.exited()).toEqual({ code: 0, signal: null });
    expect(service.lines.map((l) => l.msg)).toContain('stopped');
  });

  it('cuts a request that outlives the grace period, and still exits 0', async () => {
    const { service, url } = await ServiceProcess.start('gateway', { ...testServiceEnv(db.url), SHUTDOWN_GRACE_MS: '300' });
    const { port } = new URL(url);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/stalled', headers: { 'content-type': 'application/json', 'content-length': 100 } });
    const outcome = new Promise<string>((resolve) => {
      req.on('error', (err) => resolve(`error: ${err.message}`));
      req.on('response', (res) => resolve(`status ${res.statusCode}`));
    });
    req.write('{"a":');
    await new Promise((r) => setTimeout(r, 300));
    service.signal('SIGTERM');
    expect(await service.exited()).toEqual({ code: 0, signal: null });
    expect(await outcome).toMatch(/^error: /);
    expect(service.lines.find((l) => l.msg === 'grace period over; cut requests still in flight')).toMatchObject({ cut: 1 });
  });
});
