import { ReadinessRegistry } from './readiness';

describe('ReadinessRegistry', () => {
  it('reports each dependency up or down with its latency', async () => {
    const registry = new ReadinessRegistry();
    registry.register('postgres', async () => undefined);
    registry.register('redis', async () => {
      throw new Error('connection refused');
    });
    const checks = await registry.runAll(1_000);
    expect(checks.postgres).toMatchObject({ status: 'up' });
    expect(checks.redis).toMatchObject({ status: 'down', error: 'connection refused' });
    expect(checks.redis!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('bounds a probe that hangs', async () => {
    const registry = new ReadinessRegistry();
    registry.register('storage', () => new Promise(() => undefined));
    expect((await registry.runAll(20)).storage).toMatchObject({ status: 'down', error: 'timed out after 20 ms' });
  });

  it('refuses the same check registered twice', () => {
    const registry = new ReadinessRegistry();
    registry.register('redis', async () => undefined);
    expect(() => registry.register('redis', async () => undefined)).toThrow(/twice/);
  });
});
