import { healthReportSchema } from '@dawg/contracts';
import { createTestDatabase, ServiceProcess, TcpProxy, type TestDatabase, testServiceEnv } from '@dawg/testing';

async function readiness(url: string) {
  const res = await fetch(`${url}/ready`);
  return { status: res.status, body: healthReportSchema.parse(await res.json()) };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('readiness while Redis is unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let service: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const redis = new URL(testServiceEnv(db.url).REDIS_URL!);
    // The service reaches the shared Redis only through this proxy, which the test cuts.
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    ({ service, url } = await ServiceProcess.start('api', { ...testServiceEnv(db.url), REDIS_URL: `redis://127.0.0.1:${proxy.port}` }));
  });

  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 degraded naming Redis while it is cut off, and 200 again once it returns', async () => {
    expect((await readiness(url)).status).toBe(200);

    proxy.cut();
    const down = await eventually(() => readiness(url), (r) => r.status === 503, 'readiness after the cut');
    expect(down.body.status).toBe('degraded');
    expect(down.body.checks.redis).toMatchObject({ status: 'down' });
    expect(down.body.checks.postgres).toMatchObject({ status: 'up' });

    // Liveness must not follow a dependency down, or Kubernetes would restart healthy pods.
    expect((await fetch(`${url}/health`)).status).toBe(200);

    proxy.restore();
    const up = await eventually(() => readiness(url), (r) => r.status === 200, 'readiness after the restore');
    expect(up.body).toMatchObject({ status: 'ok', checks: { redis: { status: 'up' } } });
  });
});
