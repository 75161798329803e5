import { Client } from 'pg';
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type AudioFile, type AudioUpload, type Project, type Track, waveformPeaksSchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type S3TestServer, startS3Server, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';
import { elfExecutable, sineWav } from './support/wav';

const UPLOAD_MAX_BYTES = 400_000;

describe('audio upload, analysis, download and delete (S3 driver against s3rver)', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  let service: RunningService;
  let api: ApiClient;
  let token: string;
  let userId: string;

  const objectKeys = async (): Promise<string[]> => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    client.destroy();
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  };

  const upload = async (bytes: Buffer, fileName: string, credential = token, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    const res = await fetch(`${service.url}/api/v1/audio`, { method: 'POST', headers: { authorization: `Bearer ${credential}` }, body: form });
    return { status: res.status, body: (await res.json()) as AudioFile & { error?: { code: string; details?: Record<string, unknown> } } };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    s3 = await startS3Server();
    const env = loadConfig(apiEnv, {
      ...testServiceEnv(db.url),
      ...s3.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_AUTH: '1000/900',
      RATE_LIMIT_GENERAL: '10000/900',
      UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    });
    service = await startService(apiService, env);
    api = new ApiClient(service.url);
    const session = await api.register('singer@example.com');
    token = session.tokens.accessToken;
    userId = session.user.id;
  });
  afterAll(async () => {
    await service?.shutdown();
    await s3?.close();
    await db?.drop();
  });

  it('stores a WAV with its duration, sample rate, channels and waveform peaks, and streams it back with Range', async () => {
    const wav = sineWav({ seconds: 2, sampleRate: 22_050, channels: 2, amplitude: 0.5 });
    const res = await upload(wav, 'take 1.wav');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'ready', format: 'wav', mimeType: 'audio/wav', sampleRate: 22_050, channels: 2, sizeBytes: wav.length, hasPeaks: true, fileName: 'take 1.wav' });
    expect(res.body.durationSeconds).toBeCloseTo(2, 3);
    const id = res.body.id;
    expect(await objectKeys()).toEqual([`audio/${userId}/${id}`, `audio/${userId}/${id}.peaks.json`]);

    const peaks = waveformPeaksSchema.parse((await api.call('GET', `/audio/${id}/peaks`, undefined, token)).body);
    expect(peaks.length).toBeGreaterThan(50);
    const max = Math.max(...peaks.data) / 2 ** (peaks.bits - 1);
    expect(max).toBeGreaterThan(0.45);
    expect(max).toBeLessThan(0.55);

    const whole = await fetch(`${service.url}/api/v1/audio/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(wav)).toBe(true);

    const part = await fetch(`${service.url}/api/v1/audio/${id}/content`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(100, 200))).toBe(true);

    const outside = await fetch(`${service.url}/api/v1/audio/${id}/content`, { headers: { authorization: `Bearer ${token}`, range: `bytes=${wav.length + 10}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${wav.length}`);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('RANGE_NOT_SATISFIABLE');

    const url = (await api.call<{ url: string }>('GET', `/audio/${id}/download-url`, undefined, token)).body.url;
    const direct = await fetch(url);
    expect(direct.status).toBe(200);
    expect(Buffer.from(await direct.arrayBuffer()).equals(wav)).toBe(true);

    // Someone else's file does not exist for them.
    const other = (await api.register('listener@example.com')).tokens.accessToken;
    for (const path of [`/audio/${id}`, `/audio/${id}/peaks`, `/audio/${id}/content`, `/audio/${id}/download-url`]) {
      expect((await api.call('GET', path, undefined, other)).status).toBe(404);
    }
    expect((await api.call('DELETE', `/audio/${id}`, undefined, other)).status).toBe(404);
  });

  it('answers 415 for an executable named .wav and stores nothing', async () => {
    const before = await objectKeys();
    const res = await upload(elfExecutable(), 'vocals.wav');
    expect(res.status).toBe(415);
    expect(res.body.error!.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await upload(Buffer.from('#!/bin/sh\nrm -rf /\n'.repeat(300)), 'song.mp3');
    expect(text.status).toBe(415);
    expect(await objectKeys()).toEqual(before);
  });

  it('answers 413 for an upload over the limit and leaves no object or row behind', async () => {
    const before = await objectKeys();
    const big = sineWav({ seconds: 10, sampleRate: 44_100 });
    expect(big.length).toBeGreaterThan(UPLOAD_MAX_BYTES);
    const res = await upload(big, 'long.wav');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: UPLOAD_MAX_BYTES } });
    expect(await objectKeys()).toEqual(before);
    const presign = await api.call('POST', '/audio/uploads', { fileName: 'long.wav', sizeBytes: big.length, contentType: 'audio/wav' }, token);
    expect(presign.status).toBe(413);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audio_files WHERE file_name = 'long.wav'`);
    await pg.end();
    expect(rows[0].n).toBe(0);
  });

  it('uploads through a presigned URL, then completes; refuses and deletes what is not audio', async () => {
    const wav = sineWav({ seconds: 1, sampleRate: 48_000 });
    const started = await api.call<AudioUpload>('POST', '/audio/uploads', { fileName: 'direct.wav', sizeBytes: wav.length, contentType: 'audio/wav' }, token);
    expect(started.status).toBe(201);
    expect(started.body.audioFile.status).toBe('pending');
    const early = await api.call('POST', `/audio/${started.body.audioFile.id}/complete`, undefined, token);
    expect(early.status).toBe(409);
    const put = await fetch(started.body.upload.url, { method: 'PUT', headers: started.body.upload.headers, body: new Uint8Array(wav) });
    expect(put.status).toBe(200);
    const done = await api.call<AudioFile>('POST', `/audio/${started.body.audioFile.id}/complete`, undefined, token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'ready', format: 'wav', sampleRate: 48_000, channels: 1, hasPeaks: true });

    const fake = elfExecutable(2048);
    const sneaky = await api.call<AudioUpload>('POST', '/audio/uploads', { fileName: 'sneaky.wav', sizeBytes: fake.length, contentType: 'audio/wav' }, token);
    await fetch(sneaky.body.upload.url, { method: 'PUT', headers: sneaky.body.upload.headers, body: new Uint8Array(fake) });
    const refused = await api.call('POST', `/audio/${sneaky.body.audioFile.id}/complete`, undefined, token);
    expect(refused.status).toBe(415);
    expect((await objectKeys()).some((k) => k.includes(sneaky.body.audioFile.id))).toBe(false);
    expect((await api.call('GET', `/audio/${sneaky.body.audioFile.id}`, undefined, token)).status).toBe(404);
  });

  it('refuses to delete audio a clip plays (409), then deletes row and objects once the clip is gone', async () => {
    const file = (await upload(sineWav({ seconds: 0.5 }), 'hook.wav')).body;
    const project = (await api.call<Project>('POST', '/projects', { name: 'With audio' }, token)).body;
    const track = (await api.call<Track>('POST', `/projects/${project.id}/tracks`, { name: 'Hook', kind: 'audio' }, token)).body;
    const clip = await api.call<{ id: string }>('POST', `/projects/${project.id}/clips`, { trackId: track.id, startBeat: 0, lengthBeats: 1, audioFileId: file.id }, token);
    expect(clip.status).toBe(201);
    expect((await api.call('DELETE', `/audio/${file.id}`, undefined, token)).status).toBe(409);
    expect((await api.call('DELETE', `/projects/${project.id}/clips/${clip.body.id}`, undefined, token)).status).toBe(204);
    expect((await api.call('DELETE', `/audio/${file.id}`, undefined, token)).status).toBe(204);
    expect((await objectKeys()).some((k) => k.includes(file.id))).toBe(false);
    expect((await api.call('GET', `/audio/${file.id}`, undefined, token)).status).toBe(404);
  });

  it('enforces the storage quota of the plan with 402 naming the limit', async () => {
    const session = await api.register('hoarder@example.com');
    // The local plan's quota is huge; fill it to the brim with one accounted row.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(
      `INSERT INTO audio_files (owner_id, storage_key, file_name, status, size_bytes) VALUES ($1, $2, 'archive.wav', 'ready', 1024::bigint ^ 5)`,
      [session.user.id, `audio/${session.user.id}/archive`],
    );
    await pg.end();
    const res = await upload(sineWav({ seconds: 0.2 }), 'one-more.wav', session.tokens.accessToken);
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { entitlement: 'storageBytes' } });
  });
});
