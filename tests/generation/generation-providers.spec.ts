import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { apiEnv, apiService } from '@dawg/api';
import { type GenerationAccepted, type GenerationStatus, generationStatusSchema, type PresignedRequest, sessionResponseSchema } from '@dawg/contracts';
import { decodeWav, encodeWav, integratedLoudness } from '@dawg/music';
import { DEFAULT_MUSICGEN_MODEL, loadConfig, type RunningService, startService } from '@dawg/platform';
import {
  createTestDatabase,
  type FakeOpenAI,
  type FakeReplicate,
  type FakeSuno,
  type S3TestServer,
  ServiceProcess,
  startFakeOpenAI,
  startFakeReplicate,
  startFakeSuno,
  startS3Server,
  type TestDatabase,
  testServiceEnv,
} from '@dawg/testing';

/**
 * The optional external providers end to end: the api (in-process) and a
 * generation worker (a real process) configured with MusicGen on Replicate,
 * a Suno-compatible API and an OpenAI lyrics model, each a local server
 * speaking the vendor's wire format to the real SDK or client.
 */
describe('generation with external providers', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  let replicate: FakeReplicate;
  let suno: FakeSuno;
  let openai: FakeOpenAI;
  let api: RunningService;
  let worker: ServiceProcess;
  let token: string;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } } }> => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T & { error?: { code: string; message: string; details?: Record<string, unknown> } } };
  };
  const finished = async (jobId: string): Promise<GenerationStatus> => {
    for (;;) {
      const s = generationStatusSchema.parse((await call<GenerationStatus>('GET', `/generate/status/${jobId}`)).body);
      if (s.state !== 'queued' && s.state !== 'running') return s;
      await sleep(100);
    }
  };
  const download = async (jobId: string, name: string) => {
    const file = (await call<PresignedRequest>('GET', `/generate/${jobId}/files/${name}`)).body;
    return new Uint8Array(await (await fetch(file.url)).arrayBuffer());
  };
  /** What a model might send: a 3 s tone at 32 kHz, mono, far from -14 LUFS. */
  const modelAudio = () => {
    const sampleRate = 32_000;
    const plane = Float32Array.from({ length: sampleRate * 3 }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
    return encodeWav({ sampleRate, channels: [plane] }, { bitDepth: 16 });
  };
  const query = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      return (await pg.query(sql, params)).rows as T[];
    } finally {
      await pg.end();
    }
  };
  const beat = { genre: 'trap', bpm: 140, bars: 4, key: 'F', scale: 'minor' };

  beforeAll(async () => {
    db = await createTestDatabase();
    [s3, replicate, suno, openai] = await Promise.all([startS3Server(), startFakeReplicate({ token: 'r8_test', models: { 'meta/musicgen': DEFAULT_MUSICGEN_MODEL.split(':')[1]! } }), startFakeSuno({ apiKey: 'suno-key' }), startFakeOpenAI({ apiKey: 'sk-test' })]);
    const shared = {
      ...testServiceEnv(db.url),
      ...s3.env,
      REPLICATE_API_TOKEN: 'r8_test',
      REPLICATE_BASE_URL: replicate.url,
      SUNO_API_URL: suno.url,
      SUNO_API_KEY: 'suno-key',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.url,
      GENERATION_ATTEMPTS: '2',
      GENERATION_BACKOFF_MS: '200',
    };
    api = await startService(apiService, loadConfig(apiEnv, { ...shared, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_GENERATION: '1000/900', RATE_LIMIT_GENERAL: '100000/900' }));
    worker = (await ServiceProcess.start('generation', shared)).service;
    const res = await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'providers@example.com', password: 'correct horse battery', displayName: 'Producer' }),
    });
    token = sessionResponseSchema.parse(await res.json()).tokens.accessToken;
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.shutdown();
    await Promise.all([s3?.close(), replicate?.close(), suno?.close(), openai?.close()]);
    await db?.drop();
  });

  it('makes a beat with MusicGen on Replicate: a prediction from the prompt and seed, its audio mastered to a 44.1 kHz stereo WAV', async () => {
    replicate.script({ outcome: 'succeeded', audio: modelAudio(), polls: 2 });
    const accepted = await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, seed: 42, provider: 'musicgen' });
    expect(accepted.status).toBe(202);
    const done = await finished(accepted.body.jobId);
    expect(done).toMatchObject({ state: 'succeeded', seed: 42, files: [expect.objectContaining({ name: 'beat.wav', kind: 'wav' })] });
    expect(done.files).toHaveLength(1);

    const [prediction] = [...replicate.predictions.values()];
    expect(prediction!.input).toMatchObject({ seed: 42, output_format: 'wav', duration: 7 });
    expect(String(prediction!.input.prompt)).toMatch(/^trap beat, 140 BPM, F minor/);
    const wav = decodeWav(await download(accepted.body.jobId, 'beat.wav'));
    expect(wav.sampleRate).toBe(44_100);
    expect(wav.channels).toHaveLength(2);
    expect(wav.channels[0]!.length).toBe(3 * 44_100);
    expect(Math.abs(integratedLoudness(wav) + 14)).toBeLessThan(0.5);
    const row = await query<{ result: { provider?: unknown } }>('SELECT result FROM generation_jobs WHERE id = $1', [accepted.body.jobId]);
    expect(row[0]!.result.provider).toEqual({ name: 'musicgen', model: expect.stringMatching(/^meta\/musicgen:/), externalId: prediction!.id });
  });

  it('makes a beat with the Suno-compatible API: generate, poll until complete, download', async () => {
    suno.script({ outcome: 'complete', audio: modelAudio(), contentType: 'audio/wav', streamingPolls: 1 });
    const accepted = await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, provider: 'suno' });
    const done = await finished(accepted.body.jobId);
    expect(done.state).toBe('succeeded');
    expect(done.files.map((f) => f.name)).toEqual(['beat.wav']);
    const generate = suno.requests.find((r) => r.path === '/api/generate')!;
    expect(generate.headers.authorization).toBe('Bearer suno-key');
    expect(generate.body).toMatchObject({ make_instrumental: true });
  });

  it('fails a job at once, without retrying, when the model refuses it, and gives its minutes back', async () => {
    replicate.script({ outcome: 'failed', error: 'NSFW content detected' });
    const before = replicate.predictions.size;
    const accepted = await call<GenerationAccepted>('POST', '/generate/beat', { ...beat, provider: 'musicgen' });
    const done = await finished(accepted.body.jobId);
    expect(done).toMatchObject({ state: 'failed', attempts: 1 });
    expect(done.error).toMatch(/NSFW content detected/);
    expect(replicate.predictions.size).toBe(before + 1);
    const billing = await call<{ entitlements: { generationMinutesPerMonth: { used: number } } }>('GET', '/billing');
    // Two beats of one minute each so far; the failed one was refunded.
    expect(billing.body.entitlements.generationMinutesPerMonth.used).toBe(2);
  });

  it('writes lyrics with the OpenAI model, and falls back to the offline generator when its reply does not fit', async () => {
    const lines = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} line ${i + 1} in the rain`);
    const chorus = { kind: 'chorus', rhymeScheme: 'AABB', lines: ['Rain on the window, line one', ...lines('chorus', 3)] };
    openai.reply({
      json: {
        hook: 'Rain on the window',
        sections: [
          { kind: 'verse', rhymeScheme: 'ABAB', lines: lines('first verse', 4) },
          chorus,
          { kind: 'verse', rhymeScheme: 'ABAB', lines: lines('second verse', 4) },
          chorus,
          { kind: 'bridge', rhymeScheme: 'AABB', lines: lines('bridge', 4) },
          chorus,
        ],
      },
    });
    const written = await call<GenerationAccepted>('POST', '/generate/lyrics', { mood: 'sad', genre: 'lo-fi', topic: 'rain' });
    expect(await finished(written.body.jobId)).toMatchObject({ state: 'succeeded' });
    const text = new TextDecoder().decode(await download(written.body.jobId, 'lyrics.txt'));
    expect(text).toContain('Rain On The Window');
    expect(text).toContain('first verse line 1 in the rain');
    const request = openai.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(request.body).toMatchObject({ response_format: { type: 'json_schema' }, seed: written.body.seed });

    openai.reply({ json: { hook: 'Too short', sections: [{ kind: 'verse', rhymeScheme: 'A', lines: ['only one line'] }] } });
    const fallback = await call<GenerationAccepted>('POST', '/generate/lyrics', { mood: 'sad', genre: 'lo-fi', topic: 'rain' });
    expect(await finished(fallback.body.jobId)).toMatchObject({ state: 'succeeded' });
    const row = await query<{ result: { provider?: { name: string; fallbackReason?: string } } }>('SELECT result FROM generation_jobs WHERE id = $1', [fallback.body.jobId]);
    expect(row[0]!.result.provider).toMatchObject({ name: 'offline', fallbackReason: expect.stringMatching(/expected sections/) });
    const offline = new TextDecoder().decode(await download(fallback.body.jobId, 'lyrics.txt'));
    expect(offline).not.toContain('only one line');
    expect(offline).toMatch(/\[Chorus\]/);
  });
});
