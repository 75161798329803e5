import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type PitchEvent, sessionResponseSchema, type VoiceAnalysis, voiceAnalysisSchema, type VoiceScore, voiceScoreSchema } from '@dawg/contracts';
import { encodeWav } from '@dawg/music';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

const RATE = 44_100;
/** A sung-like note: a fundamental and four harmonics, a 20 ms attack and an 80 ms release. */
function note(frequency: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const attack = Math.round(0.02 * RATE);
  const release = Math.round(0.08 * RATE);
  for (let i = 0; i < out.length; i++) {
    const env = Math.min(1, i / attack, (out.length - i) / release);
    let v = 0;
    for (let h = 1; h <= 5; h++) v += Math.sin((2 * Math.PI * frequency * h * i) / RATE) / h;
    out[i] = 0.3 * env * v;
  }
  return out;
}
const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));
const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const hz = (midi: number, cents = 0) => 440 * 2 ** ((midi - 69 + cents / 100) / 12);

/**
 * A melody in A minor at 120 BPM, each note on a beat: A3, C4, E4 in tune,
 * then D4 40 cents sharp. Onsets at 0.5, 1.0, 1.5 and 2.0 s.
 */
const MELODY = [
  { midi: 57, name: 'A3', cents: 0 },
  { midi: 60, name: 'C4', cents: 0 },
  { midi: 64, name: 'E4', cents: 0 },
  { midi: 62, name: 'D4', cents: 40 },
];
const take = concat([silence(0.5), ...MELODY.flatMap((n) => [note(hz(n.midi, n.cents), 0.45), silence(0.05)]), silence(0.3)]);

/**
 * The vocal coach end to end, in one unified process: a real Socket.IO client
 * streams a synthesised melody as Int16 PCM on /realtime-voice and gets pitch
 * events with notes and cents, onsets against the tempo grid and a score;
 * the same melody uploaded as a WAV is analysed by POST /voice/analyze.
 */
describe('the vocal coach', () => {
  let db: TestDatabase;
  let storage: string;
  let service: RunningService;
  let token: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = mkdtempSync(join(tmpdir(), 'dawg-voice-'));
    service = await startService(
      unifiedService,
      loadConfig(unifiedEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: storage, RATE_LIMIT_AUTH: '1000/900' }),
    );
    const res = await fetch(`${service.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'singer@example.com', password: 'correct horse battery', displayName: 'Singer' }),
    });
    token = sessionResponseSchema.parse(await res.json()).tokens.accessToken;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await service?.shutdown();
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  const connect = async () => {
    const socket = io(`${service.url}/realtime-voice`, { path: '/voice/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const ask = <T>(socket: Socket, event: string, payload: unknown) => new Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }>((resolve) => socket.emit(event, payload, resolve));
  const int16 = (samples: Float32Array) => {
    const out = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
    return new Uint8Array(out.buffer);
  };
  /** The frames from the middle of each note, away from its attack and release. */
  const inside = (frames: Array<Omit<PitchEvent, 'sessionId'>>, index: number) => frames.filter((f) => f.time > 0.6 + index * 0.5 && f.time < 0.85 + index * 0.5);

  it('streams pitch with notes and cents, onsets against the grid, and a score with feedback for a live take', async () => {
    const socket = await connect();
    const pitch: PitchEvent[] = [];
    const onsets: Array<{ time: number; timing: string | null }> = [];
    socket.on('pitch', (e: PitchEvent) => pitch.push(e));
    socket.on('onset', (e: { time: number; timing: string | null }) => onsets.push(e));
    const started = await ask<{ sessionId: string; hopSeconds: number; toleranceCents: number }>(socket, 'voice:start', {
      sampleRate: RATE,
      format: 's16',
      target: { kind: 'scale', tonic: 'A', scale: 'minor' },
      tempo: { bpm: 120, subdivision: 1 },
    });
    expect(started).toMatchObject({ ok: true, data: { toleranceCents: 15 } });
    const { sessionId } = started.data!;
    // 2,048-sample chunks (46 ms), as an AudioWorklet would batch them.
    for (let seq = 0, at = 0; at < take.length; seq++, at += 2048) {
      const ack = await ask<{ frames: number }>(socket, 'voice:chunk', { sessionId, seq, pcm: int16(take.subarray(at, at + 2048)) });
      expect(ack.ok).toBe(true);
    }
    const stopped = await ask<VoiceScore>(socket, 'voice:stop', { sessionId });
    expect(stopped.ok).toBe(true);
    const score = voiceScoreSchema.parse(stopped.data);

    // Pitch: each note named right, in tune where it is, 40 cents sharp where it is not.
    MELODY.forEach((n, i) => {
      const frames = inside(pitch, i);
      expect(frames.length).toBeGreaterThan(10);
      expect(frames.every((f) => f.voiced && f.note === n.name)).toBe(true);
      const meanCents = frames.reduce((sum, f) => sum + f.cents!, 0) / frames.length;
      expect(Math.abs(meanCents - n.cents)).toBeLessThan(5);
      expect(frames.every((f) => f.isInTune === (n.cents === 0))).toBe(true);
    });
    expect(pitch.filter((f) => f.time < 0.45).every((f) => !f.voiced)).toBe(true);
    // Onsets: one per note, each on its beat.
    expect(onsets.map((o) => Math.round(o.time * 10) / 10)).toEqual([0.5, 1, 1.5, 2]);
    expect(onsets.every((o) => o.timing === 'on-time')).toBe(true);
    // The score sees the one sharp note.
    expect(score).toMatchObject({ sessionId, onsets: 4, rhythmAccuracy: 100 });
    expect(score.pitchAccuracy).toBeGreaterThan(60);
    expect(score.pitchAccuracy).toBeLessThan(85);
    expect(score.feedback.length).toBeGreaterThan(0);
    expect(score.durationSeconds).toBeCloseTo(take.length / RATE, 2);
  });

  it('refuses chunks out of order, for an unknown take, or of a broken length, and keeps the take', async () => {
    const socket = await connect();
    const { data } = await ask<{ sessionId: string }>(socket, 'voice:start', { sampleRate: 48_000, format: 'f32' });
    const pcm = new Uint8Array(new Float32Array(480).buffer);
    expect((await ask(socket, 'voice:chunk', { sessionId: data!.sessionId, seq: 1, pcm })).error).toMatchObject({ code: 'CONFLICT' });
    expect((await ask(socket, 'voice:chunk', { sessionId: 'no-such-take', seq: 0, pcm })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ask(socket, 'voice:chunk', { sessionId: data!.sessionId, seq: 0, pcm: pcm.subarray(0, 7) })).error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await ask(socket, 'voice:chunk', { sessionId: data!.sessionId, seq: 0, pcm: 'not bytes' })).error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await ask(socket, 'voice:start', { sampleRate: 1, format: 'f32' })).error).toMatchObject({ code: 'VALIDATION_FAILED' });
    // No transcription model here: a take that asks for one is refused, saying why.
    expect((await ask(socket, 'voice:start', { sampleRate: 48_000, format: 'f32', transcribe: true })).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/OPENAI_API_KEY/) });
    expect((await ask<{ frames: number }>(socket, 'voice:chunk', { sessionId: data!.sessionId, seq: 0, pcm })).ok).toBe(true);
  });

  it('analyses a stored recording the same way, and only the owner’s', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(encodeWav({ sampleRate: RATE, channels: [take] }, { bitDepth: 16 }))]), 'melody.wav');
    const upload = await fetch(`${service.url}/api/v1/audio`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const analyze = (credential: string, body: unknown) =>
      fetch(`${service.url}/api/v1/voice/analyze`, { method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await analyze(token, { audioFileId: id, target: { kind: 'melody', notes: MELODY.map((n, i) => ({ midi: n.midi, startSeconds: 0.5 + i * 0.5, durationSeconds: 0.45 })) }, tempo: { bpm: 120, subdivision: 1 } });
    expect(res.status).toBe(200);
    const analysis: VoiceAnalysis = voiceAnalysisSchema.parse(await res.json());
    expect(analysis.onsets).toBe(4);
    expect(analysis.pitch.length).toBeGreaterThan(40);
    MELODY.forEach((n, i) => {
      const frames = inside(analysis.pitch, i);
      expect(frames.length).toBeGreaterThan(2);
      expect(frames.every((f) => f.targetNote === n.name)).toBe(true);
    });
    expect(analysis.pitchAccuracy).toBeLessThan(85);

    const other = await fetch(`${service.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'listener@example.com', password: 'correct horse battery', displayName: 'Listener' }),
    });
    const otherToken = sessionResponseSchema.parse(await other.json()).tokens.accessToken;
    expect((await analyze(otherToken, { audioFileId: id })).status).toBe(404);
    expect((await analyze(token, { audioFileId: id, target: { kind: 'note', midi: 7 } })).status).toBe(400);
  });
});
