import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type Conversation, type Project, sessionResponseSchema, type Track } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type FakeOpenAI, startFakeOpenAI, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

const RATE = 16_000;

/**
 * Voice commands end to end in one unified process: a take streamed over
 * /realtime-voice is cut into utterances, each transcribed by OpenAI (a
 * local server speaking its transcription stream, through the real SDK), and
 * the final text is sent to the assistant's conversation, whose tool calls
 * (create_track, run through the api) come back as function:call events.
 */
describe('voice commands', () => {
  let db: TestDatabase;
  let storage: string;
  let openai: FakeOpenAI;
  let service: RunningService;
  let token: string;
  let socket: Socket | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = mkdtempSync(join(tmpdir(), 'dawg-voice-commands-'));
    openai = await startFakeOpenAI({ apiKey: 'sk-test' });
    service = await startService(
      unifiedService,
      loadConfig(unifiedEnv, {
        ...testServiceEnv(db.url),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        STORAGE_DRIVER: 'fs',
        STORAGE_FS_ROOT: storage,
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openai.url,
        AI_OPENAI_MODEL: 'gpt-test',
        AI_PRICES: JSON.stringify({ 'gpt-test': { input: 2, output: 8 } }),
      }),
    );
    const res = await fetch(`${service.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'speaker@example.com', password: 'correct horse battery', displayName: 'Speaker' }),
    });
    token = sessionResponseSchema.parse(await res.json()).tokens.accessToken;
  });
  afterAll(async () => {
    socket?.disconnect();
    await service?.shutdown();
    await openai?.close();
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };

  it('transcribes an utterance, streams it, and runs it as a command through the assistant’s tools', async () => {
    const project = await call<Project>('POST', '/projects', { name: 'Hands free' });
    const conversation = await call<Conversation>('POST', '/chat/conversations', { projectId: project.id });
    openai.transcribe('add a bass track');
    openai.reply({ toolCalls: [{ name: 'create_track', arguments: { name: 'Bass', kind: 'midi' } }] }, { content: 'Added a Bass track.' });

    socket = io(`${service.url}/realtime-voice`, { path: '/voice/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', resolve);
      socket!.once('connect_error', reject);
    });
    const events: Array<{ event: string; payload: Record<string, unknown> }> = [];
    const replied = new Promise<void>((resolve) =>
      socket!.onAny((event: string, payload: Record<string, unknown>) => {
        if (event === 'pitch') return;
        events.push({ event, payload });
        if (event === 'command:reply' || event === 'transcript:error') resolve();
      }),
    );
    const ask = (event: string, payload: unknown) => new Promise<{ ok: boolean; data?: { sessionId: string }; error?: unknown }>((resolve) => socket!.emit(event, payload, resolve));
    const started = await ask('voice:start', { sampleRate: RATE, format: 'f32', transcribe: true, commands: { conversationId: conversation.id } });
    expect(started.ok).toBe(true);
    const sessionId = started.data!.sessionId;
    // One second of voice (a 150 Hz buzz standing in for speech), then a second of silence.
    const audio = new Float32Array(2 * RATE);
    for (let i = 0; i < RATE; i++) audio[i] = 0.3 * Math.min(1, i / 320, (RATE - i) / 320) * (Math.sin((2 * Math.PI * 150 * i) / RATE) + 0.5 * Math.sin((2 * Math.PI * 300 * i) / RATE));
    for (let seq = 0, at = 0; at < audio.length; seq++, at += 1600) {
      expect((await ask('voice:chunk', { sessionId, seq, pcm: new Uint8Array(audio.slice(at, at + 1600).buffer) })).ok).toBe(true);
    }
    await replied;

    const byEvent = (name: string) => events.filter((e) => e.event === name).map((e) => e.payload);
    expect(byEvent('transcript:partial').map((p) => p.text)).toEqual(['add ', 'add a ', 'add a bass ', 'add a bass track']);
    expect(byEvent('transcript:final')).toEqual([{ sessionId, utterance: 1, text: 'add a bass track', startSeconds: expect.any(Number), endSeconds: expect.any(Number) }]);
    const [final] = byEvent('transcript:final') as Array<{ startSeconds: number; endSeconds: number }>;
    expect(final!.startSeconds).toBeLessThan(0.2);
    expect(final!.endSeconds).toBeGreaterThan(0.9);
    expect(byEvent('function:call')).toEqual([{ sessionId, utterance: 1, name: 'create_track', arguments: { name: 'Bass', kind: 'midi' }, status: 'ok', summary: 'Created track Bass' }]);
    expect(byEvent('command:reply')).toEqual([{ sessionId, utterance: 1, text: 'Added a Bass track.' }]);

    // The transcription request carried the utterance as a WAV, with the model; the track is really there.
    const request = openai.requests.find((r) => r.path === '/v1/audio/transcriptions')!;
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini-transcribe', stream: 'true', file: { filename: 'utterance-1.wav', contentType: 'audio/wav' } });
    const tracks = await call<{ items: Track[] }>('GET', `/projects/${project.id}/tracks`);
    expect(tracks.items.map((t) => t.name)).toEqual(['Bass']);
  });
});
