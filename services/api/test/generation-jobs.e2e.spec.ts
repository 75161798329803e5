import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import {
  GENERATION_CANCELLED_REASON,
  GENERATION_QUEUE,
  type GenerationAccepted,
  type GenerationJobData,
  type GenerationKind,
  type GenerationRecentJobPage,
  generationRecentJobPageSchema,
  type GenerationResult,
} from '@dawg/contracts';
import { createQueueRedis, loadConfig, queuePrefix, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, TcpProxy, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';

type QueuedJob = Job<GenerationJobData, GenerationResult, GenerationKind>;

const beat = { genre: 'trap', bpm: 120, bars: 4, key: 'A', scale: 'minor', complexity: 'medium' };
const WORKER_TOKEN = 'e2e-worker';

/** Makes an existing account an admin (its next sign-in carries the role). */
async function grantAdmin(db: TestDatabase, userId: string): Promise<void> {
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  await pg.query(`UPDATE users SET roles = '{user,admin}' WHERE id = $1`, [userId]).finally(() => pg.end());
}

/**
 * The operators' list of recent generation jobs (`GET /ops/generation/jobs`):
 * the api (in-process) queues real jobs, and the test takes them off the
 * queue as a generation worker would (BullMQ's manual processing), finishing
 * each one as it chooses, so every state is on the queue at once.
 */
describe('recent generation jobs for operators', () => {
  let db: TestDatabase;
  let api: RunningService;
  let client: ApiClient;
  let env: Record<string, string>;
  let admin: string;
  let musician: { id: string; token: string };
  let worker: Worker<GenerationJobData, GenerationResult, GenerationKind>;
  let workerRedis: Redis;
  const projectId = randomUUID();
  /** Job ids in the order they were queued. */
  const queued: string[] = [];

  const list = async (query: string, token = admin): Promise<GenerationRecentJobPage> => {
    const res = await client.call('GET', `/ops/generation/jobs${query}`, undefined, token);
    expect([query, res.status]).toEqual([query, 200]);
    return generationRecentJobPageSchema.parse(res.body);
  };
  /** The next waiting job, taken as a worker takes it (it becomes active, its attempt counted). */
  const take = async (): Promise<QueuedJob> => {
    const job = (await worker.getNextJob(WORKER_TOKEN, { block: false })) as QueuedJob | undefined;
    if (!job) throw new Error('no job waiting');
    return job;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    env = testServiceEnv(db.url);
    api = await startService(
      apiService,
      loadConfig(apiEnv, {
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        RATE_LIMIT_AUTH: '1000/900',
        RATE_LIMIT_GENERATION: '1000/900',
        RATE_LIMIT_GENERAL: '10000/900',
        // One attempt: a job the worker fails is a dead letter at once.
        GENERATION_ATTEMPTS: '1',
      }),
    );
    client = new ApiClient(api.url);
    const root = await client.register('root@example.com', 'Root');
    await grantAdmin(db, root.user.id);
    admin = (await client.login('root@example.com')).tokens.accessToken;
    const session = await client.register('musician@example.com', 'Mia');
    musician = { id: session.user.id, token: session.tokens.accessToken };

    // Not started: jobs are taken one by one with getNextJob.
    workerRedis = createQueueRedis(env.REDIS_URL!, 'e2e-generation-worker', 'worker');
    worker = new Worker(GENERATION_QUEUE, null, { connection: workerRedis, prefix: queuePrefix(env.REDIS_KEY_PREFIX!), autorun: false });

    // Six jobs, a few milliseconds apart so their order is unambiguous; the first names a project.
    for (let i = 0; i < 6; i++) {
      const body = i === 0 ? { ...beat, seed: i, projectId } : { ...beat, seed: i };
      const res = await client.call<GenerationAccepted>('POST', '/generate/beat', body, musician.token);
      expect(res.status).toBe(202);
      queued.push(res.body.jobId);
      await sleep(5);
    }
    // The oldest succeeds, the next fails, the next is cancelled by its owner mid-render, the next is still rendering; two wait.
    const succeeded = await take();
    await succeeded.moveToCompleted({ seed: 0, durationSeconds: 8, files: [] }, WORKER_TOKEN, false);
    const failed = await take();
    await failed.moveToFailed(new Error('renderer exploded'), WORKER_TOKEN, false);
    const cancelled = await take();
    await cancelled.updateProgress({ stage: 'compose', percent: 10 });
    await cancelled.moveToFailed(new Error(GENERATION_CANCELLED_REASON), WORKER_TOKEN, false);
    const running = await take();
    await running.updateProgress({ stage: 'render', percent: 40 });
  });
  afterAll(async () => {
    await worker?.close(true);
    await workerRedis?.quit().catch(() => workerRedis.disconnect());
    await api?.shutdown();
    await db?.drop();
  });

  it('lists jobs of every state newest first, with owner, project, progress, times and the error of a failed one', async () => {
    const page = await list('');
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 6 });
    expect(page.items.map((j) => [j.jobId, j.state])).toEqual([
      [queued[5], 'queued'],
      [queued[4], 'queued'],
      [queued[3], 'running'],
      [queued[2], 'cancelled'],
      [queued[1], 'failed'],
      [queued[0], 'succeeded'],
    ]);
    const created = page.items.map((j) => Date.parse(j.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(page.items.every((j) => j.kind === 'beat' && j.userId === musician.id && j.chargedMinutes === 1 && j.requestId.length > 0)).toBe(true);

    const [waiting, , running, cancelled, failed, succeeded] = page.items;
    expect(waiting).toMatchObject({ stage: 'queued', percent: 0, attempts: 0, error: null, projectId: null, startedAt: null, finishedAt: null });
    expect(running).toMatchObject({ stage: 'render', percent: 40, attempts: 1, error: null, finishedAt: null });
    expect(running!.startedAt).not.toBeNull();
    // A cancellation is not a failure: no error, and the stage it stopped at.
    expect(cancelled).toMatchObject({ stage: 'compose', percent: 10, attempts: 1, error: null });
    expect(cancelled!.finishedAt).not.toBeNull();
    expect(failed).toMatchObject({ stage: 'queued', attempts: 1, error: 'renderer exploded' });
    expect(Date.parse(failed!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(failed!.startedAt!));
    expect(succeeded).toMatchObject({ stage: 'done', percent: 100, attempts: 1, error: null, projectId });
    expect(succeeded!.finishedAt).not.toBeNull();
  });

  it('keeps one state with `status`', async () => {
    const ids = async (status: string) => (await list(`?status=${status}`)).items.map((j) => j.jobId);
    expect(await ids('queued')).toEqual([queued[5], queued[4]]);
    expect(await ids('running')).toEqual([queued[3]]);
    expect(await ids('cancelled')).toEqual([queued[2]]);
    expect(await ids('failed')).toEqual([queued[1]]);
    expect(await ids('succeeded')).toEqual([queued[0]]);
    expect((await list('?status=queued')).total).toBe(2);
  });

  it('pages through them, newest first, with the total of all pages', async () => {
    const second = await list('?page=2&pageSize=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 6 });
    expect(second.items.map((j) => j.jobId)).toEqual([queued[3], queued[2]]);
    const pages = await Promise.all([1, 2, 3].map((page) => list(`?page=${page}&pageSize=2`)));
    expect(pages.flatMap((p) => p.items.map((j) => j.jobId))).toEqual([...queued].reverse());
    expect(await list('?page=4&pageSize=2')).toMatchObject({ items: [], total: 6 });
  });

  it('refuses a bad query with 400, a non-admin with 403 and an anonymous caller with 401', async () => {
    for (const query of ['?status=done', '?status=FAILED', '?pageSize=0', '?pageSize=101', '?page=0', '?page=x', '?state=failed']) {
      const res = await client.call('GET', `/ops/generation/jobs${query}`, undefined, admin);
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    const musicianCall = await client.call('GET', '/ops/generation/jobs', undefined, musician.token);
    expect([musicianCall.status, musicianCall.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await client.call('GET', '/ops/generation/jobs');
    expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('recent generation jobs while Redis is unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningService;
  let client: ApiClient;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = testServiceEnv(db.url);
    const redis = new URL(env.REDIS_URL!);
    // The api reaches the shared Redis only through this proxy, which the test cuts.
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    api = await startService(
      apiService,
      loadConfig(apiEnv, { ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' }),
    );
    client = new ApiClient(api.url);
    const root = await client.register('root@example.com', 'Root');
    await grantAdmin(db, root.user.id);
    admin = (await client.login('root@example.com')).tokens.accessToken;
  });
  afterAll(async () => {
    proxy?.restore();
    await api?.shutdown();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 SERVICE_UNAVAILABLE naming the queue, and lists again once Redis is back', async () => {
    expect((await client.call('GET', '/ops/generation/jobs', undefined, admin)).status).toBe(200);
    proxy.cut();
    const down = await client.call('GET', '/ops/generation/jobs', undefined, admin);
    expect([down.status, down.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(down.body.error?.message).toMatch(/generation queue/);
    proxy.restore();
    for (let i = 0; i < 50; i++) {
      if ((await client.call('GET', '/ops/generation/jobs', undefined, admin)).status === 200) break;
      await sleep(200);
    }
    expect(await client.call('GET', '/ops/generation/jobs', undefined, admin)).toMatchObject({ status: 200, body: { items: [], total: 0 } });
  });
});
