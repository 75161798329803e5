import { Writable } from 'node:stream';
import { Body, Controller, Get, Inject, Module, Param, Post } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { z } from 'zod';
import { createTestDatabase, HttpReceiver, parseSentryEnvelope, type TestDatabase, testServiceEnv } from '@dawg/testing';
import {
  composeEnv,
  loadConfig,
  platformEnv,
  Public,
  type RunningService,
  startService,
  ZodValidationPipe,
} from '../src';

const createTrackBody = z.strictObject({
  name: z.string().min(1),
  mixer: z.strictObject({ volumeDb: z.number().max(6), pan: z.number().min(-1).max(1) }),
});

// A feature module of the kind later issues add, composed with the real platform.
@Public()
@Controller('tracks')
class TracksController {
  constructor(@Inject(PinoLogger) private readonly log: PinoLogger) {}

  @Post()
  create(@Body(new ZodValidationPipe(createTrackBody)) body: z.infer<typeof createTrackBody>) {
    this.log.info({ track: body.name }, 'creating track');
    return { created: body.name };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Get(':id/explode')
  explode(): never {
    throw new Error('the mixer bus is on fire');
  }
}

@Module({ controllers: [TracksController] })
class TracksModule {}

describe('platform in a running service', () => {
  let db: TestDatabase;
  let sentry: HttpReceiver;
  let service: RunningService;
  const logs: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sentry = await HttpReceiver.start();
    const env = loadConfig(composeEnv(platformEnv), {
      ...testServiceEnv(db.url),
      PORT: '0',
      HOST: '127.0.0.1',
      SENTRY_DSN: `${sentry.url.replace('http://', 'http://publickey@')}/42`,
    });
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    service = await startService({ name: 'platform-test', version: '9.9.9', env: composeEnv(platformEnv), modules: () => [TracksModule] }, env, {
      logDestination: destination,
    });
  });

  afterAll(async () => {
    await service?.shutdown();
    await sentry?.close();
    await db?.drop();
  });

  it('answers validation errors with 400 and the path of every bad field', async () => {
    const res = await fetch(`${service.url}/api/v1/tracks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'val-1' },
      body: JSON.stringify({ name: '', mixer: { volumeDb: 12, pan: 0 }, colour: 'red' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; requestId: string; details: { issues: Array<{ path: string }> } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.requestId).toBe('val-1');
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['', 'mixer.volumeDb', 'name']);
  });

  it('puts the request id on every log line of the request, including the handler’s own', async () => {
    const res = await fetch(`${service.url}/api/v1/tracks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-7' },
      body: JSON.stringify({ name: 'Lead Vox', mixer: { volumeDb: -3, pan: 0.2 } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('trace-me-7');
    const lines = logs.filter((l) => l.requestId === 'trace-me-7');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['creating track', 'request completed']));
  });

  it('replaces a malformed incoming request id instead of logging it', async () => {
    const res = await fetch(`${service.url}/health`, { headers: { 'x-request-id': 'bad id; with spaces and "quotes"' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('labels request metrics with the route template, never the raw path', async () => {
    await fetch(`${service.url}/api/v1/tracks/5f1c`);
    await fetch(`${service.url}/api/v1/tracks/9a2b`);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/http_request_duration_seconds_count\{service="platform-test",method="GET",route="\/api\/v1\/tracks\/:id",status_code="200"\} 2/);
    expect(metrics).not.toContain('5f1c');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('reports an unhandled error to Sentry with the request id and without secrets, and answers 500 in the error shape', async () => {
    const res = await fetch(`${service.url}/api/v1/tracks/t1/explode`, {
      headers: { 'x-request-id': 'boom-1', authorization: 'Bearer super-secret-token', cookie: 'session=abc123' },
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.', requestId: 'boom-1' } });

    const envelope = await sentry.waitFor((r) => r.path.startsWith('/api/42/envelope/') && r.body.includes('mixer bus is on fire'));
    const raw = envelope.body.toString();
    expect(raw).not.toContain('super-secret-token');
    expect(raw).not.toContain('abc123');
    const event = parseSentryEnvelope(envelope.body).items.find((i) => i.type === 'event')!.payload as {
      tags: Record<string, string>;
      exception: { values: Array<{ value: string }> };
    };
    expect(event.tags).toMatchObject({ request_id: 'boom-1', service: 'platform-test' });
    expect(event.exception.values[0]!.value).toBe('the mixer bus is on fire');
    expect(logs.find((l) => l.requestId === 'boom-1' && l.msg === 'request failed unexpectedly')).toBeDefined();
  });

  it('reports the dependencies of the modules it runs in /ready', async () => {
    const res = await fetch(`${service.url}/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { checks: Record<string, { status: string }> };
    expect(Object.keys(body.checks).sort()).toEqual(['redis']);
  });
});
