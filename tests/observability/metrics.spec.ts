import { createTestDatabase, type Deployable, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { everyQuery } from './assets';
import { exposedSeriesNames, grafanaVariableMetricNames, promqlMetricNames } from './promql';

/** The deployables of a split install; `unified` composes the same modules, so it exports nothing they do not. */
const SERVICES: Deployable[] = ['api', 'ai-brain', 'voice', 'generation', 'gateway'];

describe('the metrics the dashboards and alerts query', () => {
  let db: TestDatabase;
  const services: ServiceProcess[] = [];
  /** series name → the services that offer it */
  const exported = new Map<string, string[]>();

  beforeAll(async () => {
    db = await createTestDatabase();
    const started = await Promise.all(SERVICES.map((name) => ServiceProcess.start(name, testServiceEnv(db.url))));
    services.push(...started.map((s) => s.service));
    await Promise.all(
      started.map(async ({ service, url }) => {
        const res = await fetch(`${url}/metrics`);
        expect(res.status).toBe(200);
        for (const name of exposedSeriesNames(await res.text()).keys()) exported.set(name, [...(exported.get(name) ?? []), service.name]);
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await db?.drop();
  });

  it('are every one exported by a running service', () => {
    const queries = everyQuery();
    expect(queries.length).toBeGreaterThan(40);
    const missing: string[] = [];
    const used = new Set<string>();
    for (const { where, expr, variable } of queries) {
      const names = variable ? grafanaVariableMetricNames(expr) : promqlMetricNames(expr);
      if (!variable) expect({ where, names: names.length > 0 }).toEqual({ where, names: true });
      for (const name of names) {
        used.add(name);
        if (!exported.has(name)) missing.push(`${where}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
    // The families the brief names are all in use, each from the service that owns it.
    expect(exported.get('socketio_connected_sockets')?.sort()).toEqual(['ai-brain', 'api', 'voice']);
    expect(exported.get('ai_cost_usd_total')).toEqual(['ai-brain']);
    expect(exported.get('generation_queue_jobs')).toEqual(['generation']);
    expect(exported.get('http_request_duration_seconds_bucket')?.sort()).toEqual([...SERVICES].sort());
    for (const name of ['http_request_duration_seconds_bucket', 'socketio_connected_sockets', 'socketio_connections_refused_total', 'generation_queue_jobs', 'generation_jobs_total', 'generation_job_duration_seconds_bucket', 'circuit_breaker_state']) {
      expect([name, used.has(name)]).toEqual([name, true]);
    }
  });

  it('are read as histogram series only where the service exports a histogram', () => {
    // A bare histogram name, or a _count of a gauge, selects nothing in Prometheus.
    expect(exported.has('http_request_duration_seconds')).toBe(false);
    expect(exported.has('generation_queue_jobs_count')).toBe(false);
    expect(exported.has('generation_job_duration_seconds_sum')).toBe(true);
  });
});
