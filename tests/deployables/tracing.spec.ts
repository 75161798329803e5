import { createTestDatabase, HttpReceiver, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
  }>;
}

function spansOf(body: Buffer): Array<OtlpSpan & { scope: string; service?: string }> {
  const payload = JSON.parse(body.toString()) as OtlpExport;
  return payload.resourceSpans.flatMap((rs) => {
    const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
    return rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, scope: ss.scope.name, service })));
  });
}

describe('OpenTelemetry tracing', () => {
  let db: TestDatabase;
  let collector: HttpReceiver;

  beforeAll(async () => {
    db = await createTestDatabase();
    collector = await HttpReceiver.start();
  });
  afterAll(async () => {
    await collector?.close();
    await db?.drop();
  });

  it('exports HTTP, Nest, pg and ioredis spans over OTLP/HTTP and writes the trace id into the request’s log lines', async () => {
    const { service, url } = await ServiceProcess.start('api', {
      ...testServiceEnv(db.url),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      expect((await fetch(`${url}/ready`, { headers: { 'x-request-id': 'traced-1' } })).status).toBe(200);
      const logLine = await service.waitForLog((l) => l.requestId === 'traced-1' && l.msg === 'request completed');
      expect(logLine.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(logLine.span_id).toMatch(/^[0-9a-f]{16}$/);
      const traceId = String(logLine.trace_id);

      const traceSpans = () =>
        collector.requests.filter((r) => r.path === '/v1/traces').flatMap((r) => spansOf(r.body)).filter((s) => s.traceId === traceId);
      const instrumentations = () => new Set(traceSpans().map((s) => s.scope.replace('@opentelemetry/instrumentation-', '')));
      await collector.waitFor(() => ['http', 'nestjs-core', 'pg', 'ioredis'].every((n) => instrumentations().has(n)));
      const trace = traceSpans();
      expect(trace.every((s) => s.service === 'api')).toBe(true);
      expect(trace.find((s) => s.scope.endsWith('http'))?.name).toMatch(/^GET/);
      expect(trace.find((s) => s.scope.endsWith('pg'))).toBeDefined();
    } finally {
      await service.stop();
    }
  });
});
