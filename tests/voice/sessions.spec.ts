import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { io, type Socket } from 'socket.io-client';
import { type RecordingReady, recordingReadySchema, sessionResponseSchema } from '@dawg/contracts';
import { decodeWav } from '@dawg/music';
import { createTestDatabase, type S3TestServer, ServiceProcess, startS3Server, type TestDatabase, testServiceEnv } from '@dawg/testing';

const RATE = 22_050;
/** A sung-like note with a 20 ms attack and an 80 ms release. */
function note(frequency: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const env = Math.min(1, i / (0.02 * RATE), (out.length - i) / (0.08 * RATE));
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin((2 * Math.PI * frequency * h * i) / RATE) / h;
    out[i] = 0.3 * env * v;
  }
  return out;
}
const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));
const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/**
 * A recorded voice session across two voice replicas sharing Redis and S3
 * (s3rver): Alice opens it and sings on one replica, Bob joins later and
 * sings on the other; closing assembles aligned tracks, WebVTT captions per
 * speaker, the JSONL event log and session.json, and tells both.
 */
describe('voice sessions', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  const processes: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  let apiUrl: string;
  let voiceUrls: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    s3 = await startS3Server();
    const env = { ...testServiceEnv(db.url), ...s3.env };
    const started = await Promise.all([ServiceProcess.start('api', env), ServiceProcess.start('voice', env), ServiceProcess.start('voice', env)]);
    processes.push(...started.map((s) => s.service));
    apiUrl = started[0]!.url;
    voiceUrls = started.slice(1).map((s) => s.url);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(processes.map((p) => p.stop()));
    await s3?.close();
    await db?.drop();
  });

  const user = async (email: string) => {
    const res = await fetch(`${apiUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', displayName: email }),
    });
    return sessionResponseSchema.parse(await res.json()).tokens.accessToken;
  };
  const connect = async (url: string, token: string) => {
    const socket = io(`${url}/realtime-voice`, { path: '/voice/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const ask = async <T>(socket: Socket, event: string, payload: unknown): Promise<T> => {
    const reply = await new Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }>((resolve) => socket.emit(event, payload, resolve));
    if (!reply.ok) throw new Error(`${event}: ${JSON.stringify(reply.error)}`);
    return reply.data!;
  };
  const stream = async (socket: Socket, sessionId: string, samples: Float32Array) => {
    for (let seq = 0, at = 0; at < samples.length; seq++, at += 4096) {
      await ask(socket, 'session:audio', { sessionId, seq, pcm: new Uint8Array(samples.slice(at, at + 4096).buffer) });
    }
  };
  const object = async (key: string) => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      return await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))).Body!.transformToByteArray();
    } finally {
      client.destroy();
    }
  };

  it('records each participant as an aligned track with captions, an event log and metadata, from two replicas', async () => {
    const [aliceToken, bobToken] = await Promise.all([user('alice@example.com'), user('bob@example.com')]);
    const alice = await connect(voiceUrls[0]!, aliceToken);
    const bob = await connect(voiceUrls[1]!, bobToken);
    const ready = (socket: Socket) => new Promise<RecordingReady>((resolve) => socket.once('recording.ready', resolve));
    const aliceReady = ready(alice);
    const bobReady = ready(bob);

    const { sessionId } = await ask<{ sessionId: string }>(alice, 'session:open', { title: 'Duet' });
    const aliceJoined = await ask<{ offsetSeconds: number }>(alice, 'session:join', { sessionId, sampleRate: RATE, format: 'f32', name: 'Alice' });
    await stream(alice, sessionId, concat([note(220, 1), silence(0.5), note(261.63, 1), silence(0.5)]));
    await sleep(300);
    const joined = await ask<{ offsetSeconds: number }>(bob, 'session:join', { sessionId, sampleRate: RATE, format: 'f32', name: 'Bob' });
    expect(joined.offsetSeconds).toBeGreaterThan(0.25);
    await stream(bob, sessionId, concat([note(329.63, 1.2), silence(0.6)]));
    await ask(bob, 'session:mark', { sessionId, label: 'take 1 done' });
    // Only the opener can close it.
    await expect(ask(bob, 'session:close', { sessionId })).rejects.toThrow(/FORBIDDEN/);

    const closed = recordingReadySchema.parse(await ask(alice, 'session:close', { sessionId }));
    expect(await aliceReady).toEqual(closed);
    expect(await bobReady).toEqual(closed);
    await expect(ask(bob, 'session:join', { sessionId, sampleRate: RATE, format: 'f32' })).rejects.toThrow(/CONFLICT/);

    // Tracks: one per participant, every one the session's length, each voice where it was sung.
    const tracks = closed.files.filter((f) => f.kind === 'wav');
    expect(tracks.map((t) => t.name)).toEqual(['01-Alice.wav', '02-Bob.wav']);
    const decoded = await Promise.all(tracks.map(async (t) => decodeWav(await object(t.key))));
    expect(decoded.map((w) => w.channels[0]!.length)).toEqual([decoded[0]!.channels[0]!.length, decoded[0]!.channels[0]!.length]);
    expect(decoded[0]!.channels[0]!.length / RATE).toBeCloseTo(closed.durationSeconds, 2);
    // Alice sent 3 s from the start; Bob 1.8 s from when he joined.
    expect(closed.durationSeconds).toBeCloseTo(Math.max(aliceJoined.offsetSeconds + 3, joined.offsetSeconds + 1.8), 2);
    const energy = (x: Float32Array, from: number, to: number) => x.subarray(Math.round(from * RATE), Math.round(to * RATE)).reduce((s, v) => s + v * v, 0);
    // Bob's track is silent before he joined; Alice's after she stopped (16-bit dither aside).
    expect(energy(decoded[1]!.channels[0]!, 0, joined.offsetSeconds - 0.05)).toBeLessThan(1e-4);
    expect(energy(decoded[1]!.channels[0]!, joined.offsetSeconds + 0.2, joined.offsetSeconds + 1)).toBeGreaterThan(1);
    expect(energy(decoded[0]!.channels[0]!, aliceJoined.offsetSeconds + 2.55, closed.durationSeconds)).toBeLessThan(1e-4);
    expect(energy(decoded[0]!.channels[0]!, aliceJoined.offsetSeconds + 1.6, aliceJoined.offsetSeconds + 2.4)).toBeGreaterThan(1);

    // Captions: WebVTT per speaker, with the notes sung.
    const captions = closed.files.filter((f) => f.kind === 'vtt');
    expect(captions.map((c) => c.name)).toEqual(['01-Alice.vtt', '02-Bob.vtt']);
    const [aliceVtt, bobVtt] = await Promise.all(captions.map(async (c) => new TextDecoder().decode(await object(c.key))));
    for (const vtt of [aliceVtt!, bobVtt!]) {
      expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
      const cues = vtt.trimEnd().split('\n\n').slice(1);
      expect(cues.length).toBeGreaterThan(0);
      for (const cue of cues) expect(cue).toMatch(/^\d+\n\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}\n<v [^>]+>.+$/);
    }
    expect(aliceVtt).toMatch(/<v Alice>♪ A3\n[\s\S]*<v Alice>♪ C4/);
    expect(bobVtt).toMatch(/<v Bob>♪ E4/);

    // The event log: one JSON object a line, in order; session.json describes it all.
    const log = new TextDecoder().decode(await object(closed.files.find((f) => f.kind === 'jsonl')!.key));
    const events = log.trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(events.map((e) => e.type)).toEqual(['open', 'join', 'join', 'mark', 'close']);
    const meta = JSON.parse(new TextDecoder().decode(await object(closed.files.find((f) => f.kind === 'json')!.key))) as { title: string; participants: Array<{ name: string }> };
    expect(meta).toMatchObject({ title: 'Duet', participants: [{ name: 'Alice' }, { name: 'Bob' }] });
  });
});
