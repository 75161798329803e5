import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { apiEnv, apiService } from '@dawg/api';
import {
  billingSummarySchema,
  type GenerationAccepted,
  generationDeadLetterPageSchema,
  type GenerationStatus,
  generationStatusSchema,
  type PresignedRequest,
  sessionResponseSchema,
} from '@dawg/contracts';
import { decodeWav, encodeWav, generateBeat, generateLyrics, integratedLoudness, ROLE_TARGET_LUFS, truePeakDbtp } from '@dawg/music';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type S3TestServer, ServiceProcess, startS3Server, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { io } from 'socket.io-client';

/**
 * The generation pipeline end to end: the api (in-process) validates, charges
 * and queues; generation workers (built, as real processes) render, store in
 * S3 (s3rver) and record in Postgres. GENERATION_STAGE_DELAY_MS (test-only)
 * keeps a job mid-flight long enough to cancel it or kill its worker.
 */
describe('generation pipeline: api enqueues, workers render, store and record', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  let api: RunningService;
  let shared: Record<string, string>;
  const workers: ServiceProcess[] = [];
  const workerUrls = new Map<ServiceProcess, string>();
  let token: string;
  let userId: string;
  let otherToken: string;

  const call = async <T>(method: string, path: string, body?: unknown, credential = token): Promise<{ status: number; body: T & { error?: { code: string; details?: Record<string, unknown> } } }> => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T & { error?: { code: string; details?: Record<string, unknown> } } };
  };
  const register = async (email: string) => {
    const res = await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Producer' }),
    });
    return sessionResponseSchema.parse(await res.json());
  };
  const login = async (email: string) => {
    const res = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    return sessionResponseSchema.parse(await res.json());
  };
  const asAdmin = async (id: string) => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`UPDATE users SET roles = '{user,admin}' WHERE id = $1`, [id]).finally(() => pg.end());
  };
  const status = async (jobId: string, credential = token) => {
    const res = await call<GenerationStatus>('GET', `/generate/status/${jobId}`, undefined, credential);
    if (res.status !== 200) throw new Error(`status of ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
    return generationStatusSchema.parse(res.body);
  };
  /** Polls the status until `done` holds; every status seen is kept, in order. */
  const pollUntil = async (jobId: string, done: (s: GenerationStatus) => boolean, seen: GenerationStatus[] = [], credential = token): Promise<GenerationStatus> => {
    for (;;) {
      const s = await status(jobId, credential);
      seen.push(s);
      if (done(s)) return s;
      await sleep(100);
    }
  };
  const beat = { genre: 'trap', bpm: 120, bars: 4, key: 'A', scale: 'minor', complexity: 'medium' };
  const startWorkers = async (count: number) => {
    while (workers.length < count) {
      const { service, url } = await ServiceProcess.start('generation', { ...shared, GENERATION_LOCK_MS: '2000', GENERATION_STAGE_DELAY_MS: '1500', GENERATION_CONCURRENCY: '2' });
      workers.push(service);
      workerUrls.set(service, url);
    }
  };
  const withS3 = async <T>(use: (client: S3Client) => Promise<T>): Promise<T> => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      return await use(client);
    } finally {
      client.destroy();
    }
  };
  const storedKeys = async (prefix: string) => {
    const listed = await withS3((client) => client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })));
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  };
  const minutesUsed = async (credential = token) =>
    billingSummarySchema.parse((await call('GET', '/billing', undefined, credential)).body).entitlements.generationMinutesPerMonth.used;
  /** The refund of a failed job follows the queue's event, a moment after the status shows the failure. */
  const pollMinutes = async (credential: string, expected: number) => {
    for (let i = 0; i < 50 && (await minutesUsed(credential)) !== expected; i++) await sleep(100);
    expect(await minutesUsed(credential)).toBe(expected);
  };
  const rows = async (jobId: string) => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      return (await pg.query('SELECT * FROM generation_jobs WHERE id = $1', [jobId])).rows as Array<Record<string, unknown> & { params: Record<string, unknown>; result: Record<string, unknown> | null }>;
    } finally {
      await pg.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    s3 = await startS3Server();
    // One Redis prefix for the api and every worker: they share the queue.
    shared = { ...testServiceEnv(db.url), ...s3.env };
    api = await startService(
      apiService,
      loadConfig(apiEnv, {
        ...shared,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        RATE_LIMIT_AUTH: '1000/900',
        RATE_LIMIT_GENERATION: '1000/900',
        RATE_LIMIT_GENERAL: '100000/900',
        // Two quick attempts, so a job that cannot succeed becomes a dead letter within seconds.
        GENERATION_ATTEMPTS: '2',
        GENERATION_BACKOFF_MS: '300',
        // Billing on (the Stripe API is never called here): new users are on the free plan, 10 generation minutes a month.
        STRIPE_SECRET_KEY: 'sk_test_dawg',
        STRIPE_WEBHOOK_SECRET: 'whsec_dawg',
        STRIPE_PRICE_PRO: 'price_pro',
        STRIPE_PRICE_STUDIO: 'price_studio',
        APP_URL: 'http://127.0.0.1:5173',
      }),
    );
    const session = await register('producer@example.com');
    token = session.tokens.accessToken;
    userId = session.user.id;
    otherToken = (await register('other@example.com')).tokens.accessToken;
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await api?.shutdown();
    await s3?.close();
    await db?.drop();
  });

  it('refuses an invalid request, and one over the plan’s generation minutes with 402', async () => {
    const bad = await call('POST', '/generate/beat', { ...beat, bpm: 300, lyrics: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    // No external model is configured here: asking for one is refused, naming what is.
    const unconfigured = await call('POST', '/generate/beat', { ...beat, provider: 'musicgen' });
    expect(unconfigured.status).toBe(400);
    expect(unconfigured.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'provider', message: 'not configured (configured: builtin)' }] } });
    // Six sections of 32 bars at 60 bpm: 13 minutes, over the free plan's 10.
    const over = await call('POST', '/generate/arrangement', { ...beat, bpm: 60, bars: 32 });
    expect(over.status).toBe(402);
    expect(over.body.error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { entitlement: 'generationMinutesPerMonth', plan: 'free', limit: 10, requested: 13 } });
  });

  it('cancels a queued job: it is removed from the queue and reads as cancelled', async () => {
    // No worker runs yet, so the job stays queued.
    const accepted = await call<GenerationAccepted>('POST', '/generate/beat', beat);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'queued', kind: 'beat', chargedMinutes: 1 });
    expect(Number.isInteger(accepted.body.seed)).toBe(true);
    const { jobId } = accepted.body;
    expect((await status(jobId)).state).toBe('queued');
    expect(await minutesUsed()).toBe(1);

    const cancelled = await call<GenerationStatus>('POST', `/generate/${jobId}/cancel`);
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ jobId, state: 'cancelled', attempts: 0 });
    // The minute it was charged is given back.
    expect(await minutesUsed()).toBe(0);
    expect(await status(jobId)).toMatchObject({ state: 'cancelled' });
    expect((await call('POST', `/generate/${jobId}/cancel`)).status).toBe(404);

    // Workers started now never see it.
    await startWorkers(2);
    await sleep(500);
    expect(await rows(jobId)).toEqual([]);
  });

  it('renders a beat: 202, progress by stage, then MIDI and WAV in storage, downloadable, and a recorded row', async () => {
    await startWorkers(2);
    // The musician's browser: a socket on the api, where the worker's events arrive through the Redis emitter.
    const socket = io(api.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    const events: Array<{ event: string; jobId: string; stage?: string }> = [];
    for (const event of ['generation:progress', 'generation:complete', 'generation:error'] as const) {
      socket.on(event, (payload: { jobId: string; stage?: string }) => events.push({ event, jobId: payload.jobId, stage: payload.stage }));
    }

    const accepted = await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, seed: 1234 });
    expect(accepted.status).toBe(202);
    expect(accepted.body.seed).toBe(1234);
    const { jobId } = accepted.body;

    const seen: GenerationStatus[] = [];
    const done = await pollUntil(jobId, (s) => s.state === 'succeeded' || s.state === 'failed', seen);
    expect(done).toMatchObject({ state: 'succeeded', stage: 'done', percent: 100, seed: 1234, attempts: 1, error: null });
    const stages = [...new Set(seen.filter((s) => s.state === 'running').map((s) => s.stage))];
    expect(stages).toEqual(expect.arrayContaining(['compose', 'store', 'record']));
    expect(done.files.map((f) => [f.name, f.kind, f.key])).toEqual([
      ['beat.mid', 'midi', `generations/${userId}/${jobId}/beat.mid`],
      ['beat.wav', 'wav', `generations/${userId}/${jobId}/beat.wav`],
    ]);
    // 4 bars of 4/4 at 120 bpm: 8 seconds (plus any release tail).
    expect(done.durationSeconds).toBeGreaterThanOrEqual(8);
    expect(await storedKeys(`generations/${userId}/${jobId}/`)).toEqual(done.files.map((f) => f.key));

    for (const file of done.files) {
      const link = await call<PresignedRequest>('GET', `/generate/${jobId}/files/${file.name}`);
      expect(link.status).toBe(200);
      const bytes = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
      expect(bytes.length).toBe(file.sizeBytes);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe(file.kind === 'midi' ? 'MThd' : 'RIFF');
    }

    // Live progress reached the owner's socket, ending with completion.
    for (let i = 0; i < 50 && !events.some((e) => e.event === 'generation:complete'); i++) await sleep(100);
    socket.disconnect();
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.filter((e) => e.event === 'generation:progress').map((e) => e.stage)).toEqual(expect.arrayContaining(['compose', 'store']));
    expect(mine.at(-1)!.event).toBe('generation:complete');

    const [row] = await rows(jobId);
    expect(row).toMatchObject({ user_id: userId, kind: 'beat', status: 'succeeded', stage: 'done', progress: 1, attempts: 1, error: null });
    expect(row!.params).toMatchObject({ genre: 'trap', bpm: 120, bars: 4, seed: 1234 });
    expect(row!.result).toEqual({ seed: 1234, durationSeconds: done.durationSeconds, files: done.files });
  });

  it('answers a retried request with the same Idempotency-Key with the first one’s job, charged once', async () => {
    await startWorkers(2);
    const session = await register('idempotent@example.com');
    const post = (key: string, body: unknown = beat) =>
      fetch(`${api.url}/api/v1/generate/beat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.tokens.accessToken}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as GenerationAccepted & { error?: { code: string } } }));
    // Three at once, as a client retrying over a flaky connection might: one job, one charge.
    const answers = await Promise.all([post('beat-take-0001'), post('beat-take-0001'), post('beat-take-0001')]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
    expect(await minutesUsed(session.tokens.accessToken)).toBe(1);
    // Another key is another job; the same key for another kind is a conflict; a malformed key is refused.
    expect((await post('beat-take-0002')).body.jobId).not.toBe(answers[0]!.body.jobId);
    const lyrics = await fetch(`${api.url}/api/v1/generate/lyrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.tokens.accessToken}`, 'content-type': 'application/json', 'idempotency-key': 'beat-take-0001' },
      body: JSON.stringify({ mood: 'sad', genre: 'lo-fi' }),
    });
    expect(lyrics.status).toBe(409);
    expect((await post('no')).status).toBe(400);
    // Another user's identical key is their own job.
    const other = await fetch(`${api.url}/api/v1/generate/beat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${otherToken}`, 'content-type': 'application/json', 'idempotency-key': 'beat-take-0001' },
      body: JSON.stringify(beat),
    });
    expect(((await other.json()) as GenerationAccepted).jobId).not.toBe(answers[0]!.body.jobId);
  });

  it('hides a job from every other user (404 on status, files and cancel)', async () => {
    const { jobId } = (await call<GenerationAccepted>('POST', '/generate/chords', beat)).body;
    expect((await call('GET', `/generate/status/${jobId}`, undefined, otherToken)).status).toBe(404);
    expect((await call('GET', `/generate/${jobId}/files/chords.mid`, undefined, otherToken)).status).toBe(404);
    expect((await call('POST', `/generate/${jobId}/cancel`, undefined, otherToken)).status).toBe(404);
    expect((await call('POST', '/generate/stems', { sourceJobId: jobId }, otherToken)).status).toBe(404);
    await pollUntil(jobId, (s) => s.state === 'succeeded');
  });

  it('writes lyrics for one minute: lyrics.txt, downloadable, is the engine’s text for the same params and seed', async () => {
    await startWorkers(2);
    const request = { mood: 'romantic', genre: 'reggae', topic: 'Kingston', linesPerSection: 4, seed: 2024 } as const;
    const accepted = await call<GenerationAccepted>('POST', '/generate/lyrics', request);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'queued', kind: 'lyrics', seed: 2024, chargedMinutes: 1 });
    const { jobId } = accepted.body;

    const done = await pollUntil(jobId, (s) => s.state === 'succeeded' || s.state === 'failed');
    expect(done).toMatchObject({ state: 'succeeded', kind: 'lyrics', durationSeconds: 0, error: null });
    expect(done.files.map((f) => [f.name, f.kind])).toEqual([
      ['lyrics.txt', 'text'],
      ['lyrics.json', 'json'],
    ]);
    const link = await call<PresignedRequest>('GET', `/generate/${jobId}/files/lyrics.txt`);
    expect(link.status).toBe(200);
    const text = await (await fetch(link.body.url)).text();
    expect(text).toBe(generateLyrics(request).text);
    expect(text).toContain('Kingston');
  });

  it('works on stored outputs: beat, then its stems, a mix of them with a gain change, and a master at -14 LUFS', async () => {
    await startWorkers(2);
    // A fresh user: the free plan's minutes of the first one are partly spent.
    const own = (await register('engineer@example.com')).tokens.accessToken;
    const run = async (kind: string, body: unknown) => {
      const accepted = await call<GenerationAccepted>('POST', `/generate/${kind}`, body, own);
      expect(accepted.status).toBe(202);
      const { jobId } = accepted.body;
      for (;;) {
        const s = generationStatusSchema.parse((await call<GenerationStatus>('GET', `/generate/status/${jobId}`, undefined, own)).body);
        if (s.state !== 'queued' && s.state !== 'running') return s;
        await sleep(100);
      }
    };
    const download = async (jobId: string, name: string) => {
      const link = await call<PresignedRequest>('GET', `/generate/${jobId}/files/${name}`, undefined, own);
      expect(link.status).toBe(200);
      return new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    };

    const song = await run('beat', { ...beat, seed: 4321 });
    expect(song.state).toBe('succeeded');
    const stems = await run('stems', { sourceJobId: song.jobId });
    expect(stems.state).toBe('succeeded');
    // One WAV per instrument of the beat, each named by its instrument and stored under stems/.
    const names = stems.files.map((f) => f.stem!);
    expect(names).toEqual(generateBeat({ ...beat, seed: 4321 } as Parameters<typeof generateBeat>[0]).tracks.map((t) => t.name));
    for (const file of stems.files) {
      expect(file).toMatchObject({ kind: 'wav', name: `stem-${file.stem}.wav` });
      expect(file.key.endsWith(`/${stems.jobId}/stems/${file.stem}.wav`)).toBe(true);
      const wav = decodeWav(await download(stems.jobId, file.name));
      expect(wav.channels[0]!.length / wav.sampleRate).toBeCloseTo(stems.durationSeconds!, 3);
    }

    const mix = await run('mix', { sourceJobId: stems.jobId, gainsDb: { [names[0]!]: -12 }, pans: { [names[0]!]: 0.5 } });
    expect(mix.state).toBe('succeeded');
    expect(mix.files.map((f) => f.name)).toEqual(['mix.wav']);

    const mastered = await run('master', { sourceJobId: mix.jobId, targetLufs: -14 });
    expect(mastered.state).toBe('succeeded');
    expect(mastered.files.map((f) => f.name)).toEqual(['master.wav']);
    const loudness = mastered.loudness!;
    expect(Math.abs(loudness.outputLufs! + 14)).toBeLessThanOrEqual(0.5);
    expect(loudness.truePeakDbtp!).toBeLessThanOrEqual(-1);
    // The mix measured before mastering is the input the master reports.
    const mixLufs = integratedLoudness(decodeWav(await download(mix.jobId, 'mix.wav')));
    expect(loudness.inputLufs!).toBeCloseTo(mixLufs, 1);

    // Measured here, from the downloaded file, the master agrees with what the job reported.
    const masterWav = decodeWav(await download(mastered.jobId, 'master.wav'));
    expect(Math.abs(integratedLoudness(masterWav) - loudness.outputLufs!)).toBeLessThan(0.1);
    expect(Math.abs(integratedLoudness(masterWav) + 14)).toBeLessThanOrEqual(0.5);
    // 16-bit quantisation may move the true peak by a hair.
    expect(truePeakDbtp(masterWav)).toBeLessThanOrEqual(-1 + 0.05);
  });

  it('stops a running job when it is cancelled, records it as cancelled and refunds its minute', async () => {
    const before = await minutesUsed();
    const { jobId } = (await call<GenerationAccepted>('POST', '/generate/beat', beat)).body;
    expect(await minutesUsed()).toBe(before + 1);
    // A worker has started it once it reports a stage.
    await pollUntil(jobId, (s) => s.state === 'running' && s.stage !== 'queued');
    expect((await call('POST', `/generate/${jobId}/cancel`)).status).toBe(202);
    const stopped = await pollUntil(jobId, (s) => s.state !== 'running' && s.state !== 'queued');
    expect(stopped).toMatchObject({ state: 'cancelled', attempts: 1, files: [] });
    expect((await rows(jobId))[0]).toMatchObject({ status: 'cancelled', error: 'cancelled by the user' });
    expect(await minutesUsed()).toBe(before);
  });

  it('fails a job for good after its attempts, refunds it once, lists it as a dead letter, and an admin’s retry finishes it', async () => {
    await startWorkers(2);
    const session = await register('dead-letters@example.com');
    const own = session.tokens.accessToken;
    const song = (await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, seed: 5 }, own)).body;
    await pollUntil(song.jobId, (s) => s.state === 'succeeded', [], own);
    // The master reads the beat's stored WAV; with it gone from storage every attempt fails.
    const wavKey = `generations/${session.user.id}/${song.jobId}/beat.wav`;
    const wav = await withS3(async (client) => (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: wavKey }))).Body!.transformToByteArray());
    await withS3((client) => client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: wavKey })));

    const master = (await call<GenerationAccepted>('POST', '/generate/master', { sourceJobId: song.jobId }, own)).body;
    expect(await minutesUsed(own)).toBe(2);
    const failed = await pollUntil(master.jobId, (s) => s.state === 'failed' || s.state === 'succeeded', [], own);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, files: [] });
    // Refunded once, however often its status is read and however many listeners heard of it.
    await pollMinutes(own, 1);
    await status(master.jobId, own);
    expect(await minutesUsed(own)).toBe(1);

    // Only operators see the dead letters.
    expect((await call('GET', '/ops/generation/failed', undefined, own)).status).toBe(403);
    const admin = await register('ops-admin@example.com');
    await asAdmin(admin.user.id);
    const adminToken = (await login('ops-admin@example.com')).tokens.accessToken;
    const letters = generationDeadLetterPageSchema.parse((await call('GET', '/ops/generation/failed?pageSize=50', undefined, adminToken)).body);
    const letter = letters.items.find((l) => l.jobId === master.jobId);
    expect(letter).toMatchObject({ kind: 'master', userId: session.user.id, attempts: 2, chargedMinutes: 1, params: { sourceJobId: song.jobId } });
    expect(letter!.error).toMatch(/not found|NoSuchKey|does not exist/i);
    // Cancelled jobs are not failures.
    expect(letters.items.every((l) => !l.error.includes('cancelled by the user'))).toBe(true);
    expect((await call('POST', `/ops/generation/failed/${song.jobId}/retry`, undefined, adminToken)).status).toBe(409);

    // The cause fixed, an operator's retry runs it again with fresh attempts, and the owner is not charged again.
    await withS3((client) => client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: wavKey, Body: wav })));
    const retried = await call<GenerationStatus>('POST', `/ops/generation/failed/${master.jobId}/retry`, undefined, adminToken);
    expect(retried.status).toBe(202);
    // A worker may have taken it already.
    expect(['queued', 'running']).toContain(retried.body.state);
    const done = await pollUntil(master.jobId, (s) => s.state === 'succeeded' || s.state === 'failed', [], own);
    expect(done).toMatchObject({ state: 'succeeded', files: [expect.objectContaining({ name: 'master.wav' })] });
    expect(await minutesUsed(own)).toBe(1);

    // Workers export the queue's depth by state (the same from each) and the jobs they finished for good.
    const scrapes = await Promise.all(workers.map(async (w) => (await fetch(`${workerUrls.get(w)!}/metrics`)).text()));
    const depth = (text: string, state: string) => Number(new RegExp(`^generation_queue_jobs\\{state="${state}",service="generation"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    for (const state of ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed']) for (const text of scrapes) expect(depth(text, state)).toBeGreaterThanOrEqual(0);
    expect(depth(scrapes[0]!, 'completed')).toBeGreaterThan(0);
    const finished = (outcome: string) =>
      scrapes.reduce((n, text) => n + Number(new RegExp(`^generation_jobs_total\\{kind="master",outcome="${outcome}",service="generation"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0), 0);
    expect(finished('failed')).toBe(1);
    expect(finished('succeeded')).toBeGreaterThanOrEqual(1);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      expect((await pg.query(`SELECT action, actor_id FROM audit_events WHERE action = 'generation.retry'`)).rows).toEqual([{ action: 'generation.retry', actor_id: admin.user.id }]);
      expect((await pg.query('SELECT job_id, amount FROM usage_refunds WHERE job_id = $1', [master.jobId])).rows).toEqual([{ job_id: master.jobId, amount: '1.000' }]);
    } finally {
      await pg.end();
    }
  });

  it('auto-mixes a user’s own uploaded tracks: gain staged by loudness per role, pans spread, a mastered preview', async () => {
    await startWorkers(2);
    const session = await register('mixer@example.com');
    const own = session.tokens.accessToken;
    const sine = (sampleRate: number, channels: number, frequency: number, amplitude: number, seconds = 4) => ({
      sampleRate,
      channels: Array.from({ length: channels }, () => Float32Array.from({ length: sampleRate * seconds }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate))),
    });
    const upload = async (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${api.url}/api/v1/audio`, { method: 'POST', headers: { authorization: `Bearer ${own}` }, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    // A loud kick at 48 kHz, a quiet pad, two vocal takes of which the louder is active, and a muted guitar.
    const kick = await upload('kick.wav', encodeWav(sine(48000, 1, 60, 0.9), { bitDepth: 16 }));
    const pad = await upload('pad.wav', encodeWav(sine(44100, 2, 440, 0.03), { bitDepth: 24 }));
    const quietTake = await upload('take1.wav', encodeWav(sine(44100, 1, 330, 0.01), { bitDepth: 16 }));
    const loudTake = await upload('take2.wav', encodeWav(sine(44100, 1, 330, 0.3), { bitDepth: 16 }));
    const project = (await call<{ id: string }>('POST', '/projects', { name: 'Mix me', bpm: 120 }, own)).body;
    const base = `/projects/${project.id}`;
    const track = async (name: string, extra: Record<string, unknown> = {}) => (await call<{ id: string }>('POST', `${base}/tracks`, { name, kind: 'audio', ...extra }, own)).body.id;
    const ids = { kick: await track('Kick'), pad: await track('Pad Strings'), vox: await track('Lead Vox'), gtr: await track('Muted Gtr', { mute: true }) };
    const clip = (trackId: string, audioFileId: string, extra: Record<string, unknown> = {}) =>
      call('POST', `${base}/clips`, { trackId, audioFileId, startBeat: 0, lengthBeats: 8, ...extra }, own);
    expect((await clip(ids.kick, kick)).status).toBe(201);
    expect((await clip(ids.pad, pad)).status).toBe(201);
    expect((await clip(ids.gtr, kick)).status).toBe(201);
    const group = (await call<{ id: string }>('POST', `${base}/takes`, { trackId: ids.vox, startBeat: 0, lengthBeats: 8, name: 'Verse' }, own)).body;
    expect((await clip(ids.vox, quietTake, { takeGroupId: group.id })).status).toBe(201);
    expect((await clip(ids.vox, loudTake, { takeGroupId: group.id })).status).toBe(201);

    // Someone else's project is not there; an unknown track is named.
    expect((await call('POST', '/generate/automix', { projectId: project.id })).status).toBe(404);
    const unknown = await call('POST', '/generate/automix', { projectId: project.id, trackIds: [ids.kick, '00000000-0000-4000-8000-000000000000'] }, own);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.details).toMatchObject({ trackIds: ['00000000-0000-4000-8000-000000000000'] });

    const accepted = await call<GenerationAccepted>('POST', '/generate/automix', { projectId: project.id }, own);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ kind: 'automix', chargedMinutes: 1 });
    const done = await pollUntil(accepted.body.jobId, (s) => s.state === 'succeeded' || s.state === 'failed', [], own);
    expect(done.state).toBe('succeeded');
    expect(done.files.map((f) => f.name)).toEqual(['automix.wav', 'automix.json']);
    expect(done.durationSeconds).toBeCloseTo(4, 2);

    const settings = new Map(done.automix!.map((s) => [s.name, s]));
    expect([...settings.keys()]).toEqual(['Kick', 'Pad Strings', 'Lead Vox']);
    expect(settings.get('Kick')).toMatchObject({ trackId: ids.kick, role: 'kick', pan: 0 });
    expect(settings.get('Lead Vox')).toMatchObject({ trackId: ids.vox, role: 'vocals', pan: 0 });
    expect(settings.get('Pad Strings')).toMatchObject({ trackId: ids.pad, role: 'pad', pan: -0.4 });
    for (const s of settings.values()) expect(s.gainDb).toBeCloseTo(ROLE_TARGET_LUFS[s.role as keyof typeof ROLE_TARGET_LUFS] - s.loudnessLufs!, 6);
    // The loud kick comes down, the quiet pad comes up, and the active (loud) take is what was measured.
    expect(settings.get('Kick')!.gainDb).toBeLessThan(-5);
    expect(settings.get('Pad Strings')!.gainDb).toBeGreaterThan(5);
    expect(settings.get('Lead Vox')!.loudnessLufs).toBeGreaterThan(-20);

    // The preview is mastered to the target and the true-peak ceiling.
    const file = (await call<PresignedRequest>('GET', `/generate/${accepted.body.jobId}/files/automix.wav`, undefined, own)).body;
    const preview = decodeWav(new Uint8Array(await (await fetch(file.url)).arrayBuffer()));
    expect(Math.abs(integratedLoudness(preview) + 14)).toBeLessThan(0.5);
    expect(truePeakDbtp(preview)).toBeLessThanOrEqual(-1 + 0.1);
    expect(done.loudness?.outputLufs).toBeCloseTo(integratedLoudness(preview), 0);
  });

  it('finishes a job whose worker is killed (SIGKILL) mid-job on the other worker, exactly once in effect', async () => {
    const { jobId } = (await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, seed: 77 })).body;
    // A worker has started it once it reports a stage.
    await pollUntil(jobId, (s) => s.state === 'running' && s.stage !== 'queued');
    const started = (w: ServiceProcess) => w.lines.some((l) => l.jobId === jobId && l.msg === 'generation started');
    const holder = workers.find(started)!;
    const other = workers.find((w) => w !== holder)!;
    expect(holder).toBeDefined();
    holder.signal('SIGKILL');
    expect((await holder.exited()).signal).toBe('SIGKILL');

    const done = await pollUntil(jobId, (s) => s.state === 'succeeded' || s.state === 'failed');
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, seed: 77 });
    expect(started(other)).toBe(true);
    expect(await storedKeys(`generations/${userId}/${jobId}/`)).toEqual([`generations/${userId}/${jobId}/beat.mid`, `generations/${userId}/${jobId}/beat.wav`]);
    const recorded = await rows(jobId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(recorded[0]!.result).toEqual({ seed: 77, durationSeconds: done.durationSeconds, files: done.files });
  });
});
