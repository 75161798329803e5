import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  type AiBrainServerToClientEvents,
  type ChatTurn,
  chatTurnSchema,
  type Conversation,
  type ConversationDetail,
  type Project,
  sessionResponseSchema,
  type Track,
} from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type FakeAnthropic, type FakeOpenAI, startFakeAnthropic, startFakeOpenAI, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

type Received = { [E in keyof AiBrainServerToClientEvents]: { event: E; payload: Parameters<AiBrainServerToClientEvents[E]>[0] } }[keyof AiBrainServerToClientEvents];

/**
 * The assistant end to end in one unified process (the api, ai-brain and the
 * generation worker, as `npm start` runs them): conversations over REST, turns
 * over Socket.IO /ai-brain, tools acting through the api with the user's own
 * token. First with no AI key (the offline provider), then with Anthropic and
 * OpenAI as local servers speaking their streaming wire formats.
 */
describe.each([
  { name: 'with no AI key: the offline assistant', vendors: false },
  { name: 'with Anthropic and OpenAI configured', vendors: true },
])('the assistant ($name)', ({ vendors }) => {
  let db: TestDatabase;
  let storage: string;
  let anthropic: FakeAnthropic | undefined;
  let openai: FakeOpenAI | undefined;
  let service: RunningService;
  const sockets: Socket[] = [];

  const register = async (email: string) => {
    const res = await fetch(`${service.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Producer' }),
    });
    return sessionResponseSchema.parse(await res.json());
  };
  const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T & { error?: { code: string; message: string; details?: Record<string, unknown> } } };
  };
  const query = async (sql: string, params: unknown[] = []) => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      return (await pg.query(sql, params)).rows as Array<Record<string, unknown>>;
    } finally {
      await pg.end();
    }
  };
  const connect = async (token: string) => {
    const socket = io(`${service.url}/ai-brain`, { path: '/ai-brain/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  /** Sends a message and collects every event of its turn until chat:complete or chat:error. */
  const turn = (socket: Socket, conversationId: string, content: string, onEvent?: (e: Received) => void) =>
    new Promise<{ ack: unknown; events: Received[] }>((resolve) => {
      const events: Received[] = [];
      let ack: unknown;
      let ended = false;
      const finish = () => ended && ack !== undefined && resolve({ ack, events });
      socket.onAny((event: string, payload: unknown) => {
        const e = { event, payload } as Received;
        events.push(e);
        onEvent?.(e);
        if (event === 'chat:complete' || event === 'chat:error') {
          socket.offAny();
          ended = true;
          finish();
        }
      });
      socket.emit('chat:message', { conversationId, content }, (response: unknown) => {
        ack = response;
        finish();
      });
    });

  let token: string;
  let project: Project;
  let conversation: Conversation;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = mkdtempSync(join(tmpdir(), 'dawg-chat-'));
    const keys: Record<string, string> = {};
    if (vendors) {
      [anthropic, openai] = await Promise.all([startFakeAnthropic({ apiKey: 'sk-ant-test' }), startFakeOpenAI({ apiKey: 'sk-test' })]);
      Object.assign(keys, {
        ANTHROPIC_API_KEY: 'sk-ant-test',
        ANTHROPIC_BASE_URL: anthropic.url,
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openai.url,
        AI_OPENAI_MODEL: 'gpt-test',
        AI_PRICES: JSON.stringify({ 'gpt-test': { input: 2, output: 8 } }),
        AI_ROUTING_POLICY: 'quality',
      });
    }
    service = await startService(
      unifiedService,
      loadConfig(unifiedEnv, {
        ...testServiceEnv(db.url),
        ...keys,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        STORAGE_DRIVER: 'fs',
        STORAGE_FS_ROOT: storage,
        RATE_LIMIT_AUTH: '1000/900',
        RATE_LIMIT_GENERAL: '100000/900',
        RATE_LIMIT_GENERATION: '1000/900',
        // Billing on (Stripe is never called here): new users are on the free plan, 100 AI messages a month.
        STRIPE_SECRET_KEY: 'sk_test_dawg',
        STRIPE_WEBHOOK_SECRET: 'whsec_dawg',
        STRIPE_PRICE_PRO: 'price_pro',
        STRIPE_PRICE_STUDIO: 'price_studio',
        APP_URL: 'http://127.0.0.1:5173',
      }),
    );
    token = (await register('chat@example.com')).tokens.accessToken;
    project = (await call<Project>(token, 'POST', '/projects', { name: 'Night Drive', bpm: 120, key: { tonic: 'C', scale: 'major' } })).body;
    expect((await call<Track>(token, 'POST', `/projects/${project.id}/tracks`, { name: 'Drums', kind: 'midi' })).status).toBe(201);
    const created = await call<Conversation>(token, 'POST', '/chat/conversations', { projectId: project.id });
    expect(created.status).toBe(201);
    conversation = created.body;
    expect(conversation).toMatchObject({ projectId: project.id, title: 'Chat about Night Drive', persona: 'daw' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await service?.shutdown();
    await Promise.all([anthropic?.close(), openai?.close()]);
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('creates a track from a chat message: tokens stream, a tool card runs then succeeds, the track is in the project', async () => {
    if (vendors) {
      // Anthropic is overloaded; OpenAI answers with the tool call, then with the reply once it has the result.
      anthropic!.reply({ error: { status: 529 } });
      openai!.reply({ content: 'Adding it now.', toolCalls: [{ name: 'create_track', arguments: { name: 'Lead Vox', kind: 'audio' } }], usage: { promptTokens: 1000, completionTokens: 50 } });
      anthropic!.reply({ error: { status: 529 } });
      openai!.reply({ content: 'Created the Lead Vox track.', usage: { promptTokens: 1200, completionTokens: 20 } });
    }
    const socket = await connect(token);
    const { ack, events } = await turn(socket, conversation.id, vendors ? 'add a lead vocal track called Lead Vox' : 'add a vocal track called Lead Vox');
    expect(ack).toMatchObject({ ok: true, data: { conversationId: conversation.id } });
    const names = events.map((e) => e.event);
    expect(names).toContain('chat:token');
    const cards = events.filter((e): e is Extract<Received, { event: 'chat:tool' }> => e.event === 'chat:tool');
    expect(cards.map((c) => [c.payload.call.name, c.payload.status])).toEqual([
      ['create_track', 'running'],
      ['create_track', 'ok'],
    ]);
    expect(cards[1]!.payload.summary).toBe('Created track Lead Vox');
    const complete = chatTurnSchema.parse(events.at(-1)!.payload) as ChatTurn;
    expect(events.at(-1)!.event).toBe('chat:complete');
    expect(complete.cancelled).toBe(false);
    expect(complete.messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(complete.messages.at(-1)!.content).toMatch(/Lead Vox/);

    const tracks = (await call<{ items: Track[] }>(token, 'GET', `/projects/${project.id}/tracks`)).body.items;
    expect(tracks.map((t) => [t.name, t.kind])).toContainEqual(['Lead Vox', 'audio']);

    if (vendors) {
      expect(names).toContain('chat:fallback');
      expect(events.find((e) => e.event === 'chat:fallback')!.payload).toMatchObject({ from: 'anthropic', to: 'openai' });
      expect(complete).toMatchObject({ provider: 'openai', model: 'gpt-test', fallbacks: [{ from: 'anthropic', to: 'openai' }, { from: 'anthropic', to: 'openai' }] });
      // The tools went to OpenAI in its format; the result came back as a tool message.
      const second = openai!.requests.filter((r) => r.path === '/v1/chat/completions')[1]!.body as { messages: Array<{ role: string; tool_call_id?: string }>; tools: unknown[] };
      expect(second.tools.length).toBeGreaterThan(10);
      expect(second.messages.some((m) => m.role === 'tool' && m.tool_call_id)).toBe(true);
      // Cost = tokens × the configured price: (1000 × 2 + 50 × 8) / 1e6 and (1200 × 2 + 20 × 8) / 1e6.
      const rows = await query(`SELECT provider, model, input_tokens, output_tokens, cost_usd FROM ai_usage WHERE conversation_id = $1 ORDER BY created_at`, [conversation.id]);
      expect(rows).toEqual([
        { provider: 'openai', model: 'gpt-test', input_tokens: 1000, output_tokens: 50, cost_usd: '0.002400' },
        { provider: 'openai', model: 'gpt-test', input_tokens: 1200, output_tokens: 20, cost_usd: '0.002560' },
      ]);
    } else {
      expect(complete).toMatchObject({ provider: 'offline', fallbacks: [] });
      expect(complete.usage.costUsd).toBe(0);
    }
  });

  it('sets the tempo over REST, and the conversation keeps every message with its tool card', async () => {
    if (vendors) {
      anthropic!.reply({ text: 'Setting it.', toolCalls: [{ name: 'set_tempo', input: { bpm: 92 } }] });
      anthropic!.reply({ text: 'The tempo is now 92 BPM.' });
    }
    const sent = await call<ChatTurn>(token, 'POST', `/chat/conversations/${conversation.id}/messages`, { content: 'set the tempo to 92' });
    expect(sent.status).toBe(200);
    expect(sent.body.messages.find((m) => m.role === 'tool')).toMatchObject({ toolName: 'set_tempo', toolStatus: 'ok', summary: 'Set the tempo to 92 BPM' });
    expect((await call<Project>(token, 'GET', `/projects/${project.id}`)).body.bpm).toBe(92);
    if (vendors) expect(sent.body).toMatchObject({ provider: 'anthropic', fallbacks: [] });

    const detail = (await call<ConversationDetail>(token, 'GET', `/chat/conversations/${conversation.id}`)).body;
    expect(detail.messages.filter((m) => m.role === 'user').map((m) => m.content)).toHaveLength(2);
    expect(detail.messages.filter((m) => m.role === 'tool').map((m) => m.toolName)).toEqual(['create_track', 'set_tempo']);
  });

  it('queues a beat from plain English with the right parameters', async () => {
    if (vendors) {
      anthropic!.reply({ toolCalls: [{ name: 'generate_beat', input: { genre: 'trap', bpm: 140, key: 'F', scale: 'minor', bars: 8 } }] });
      anthropic!.reply({ text: 'Your trap beat is on its way.' });
    }
    const socket = await connect(token);
    const { events } = await turn(socket, conversation.id, 'make a trap beat at 140 bpm in F minor, 8 bars');
    const done = events.find((e): e is Extract<Received, { event: 'chat:tool' }> => e.event === 'chat:tool' && e.payload.status !== 'running')!;
    expect(done.payload).toMatchObject({ call: { name: 'generate_beat', arguments: { genre: 'trap', bpm: 140, key: 'F', scale: 'minor', bars: 8 } }, status: 'ok' });
    expect(done.payload.summary).toBe('Generating trap beat, 140 BPM in F minor, 8 bars');
    const { jobId } = done.payload.result as { jobId: string };
    const status = await call<{ kind: string }>(token, 'GET', `/generate/status/${jobId}`);
    expect(status.body.kind).toBe('beat');
  });

  it('serves the /ai-brain namespace only: the main namespace on its path is refused', async () => {
    const socket = io(service.url, { path: '/ai-brain/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const err = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    expect(err.data).toMatchObject({ code: 'NOT_FOUND', message: 'Connect to the /ai-brain namespace on this path.' });
  });

  it('keeps conversations private, and the operator assistant for admins', async () => {
    const other = (await register('someone-else@example.com')).tokens.accessToken;
    expect((await call(other, 'GET', `/chat/conversations/${conversation.id}`)).status).toBe(404);
    expect((await call(other, 'POST', `/chat/conversations/${conversation.id}/messages`, { content: 'delete the drums track' })).status).toBe(404);
    expect((await call(other, 'POST', '/chat/conversations', { projectId: project.id })).status).toBe(404);
    const operator = await call(other, 'POST', '/chat/conversations', { persona: 'operator' });
    expect(operator.status).toBe(403);
    expect((await call(token, 'GET', '/chat/conversations')).body).toMatchObject({ total: 1 });
  });

  it('refuses a message once the month’s AI messages are used, with chat:error PAYMENT_REQUIRED', async () => {
    const spent = await register('spent@example.com');
    await query(`INSERT INTO usage_counters (user_id, metric, period, amount) VALUES ($1, 'ai_messages', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM'), 100)`, [spent.user.id]);
    const own = (await call<Conversation>(spent.tokens.accessToken, 'POST', '/chat/conversations', {})).body;
    const socket = await connect(spent.tokens.accessToken);
    const { ack, events } = await turn(socket, own.id, 'add a bass track');
    expect(ack).toMatchObject({ ok: false, error: { code: 'PAYMENT_REQUIRED' } });
    expect(events.at(-1)).toMatchObject({ event: 'chat:error', payload: { code: 'PAYMENT_REQUIRED', details: { entitlement: 'aiMessagesPerMonth' } } });
    expect((await call<ConversationDetail>(spent.tokens.accessToken, 'GET', `/chat/conversations/${own.id}`)).body.messages).toEqual([]);
  });

  if (vendors) {
    it('cancels a streaming answer: the stream stops and the turn completes marked cancelled', async () => {
      openai!.reply({ content: 'word '.repeat(200), chunkDelayMs: 20 });
      // Anthropic answers nothing useful here; OpenAI streams slowly.
      anthropic!.reply({ error: { status: 529 } });
      const socket = await connect(token);
      let cancelled = false;
      const { events } = await turn(socket, conversation.id, 'tell me a long story', (e) => {
        if (e.event === 'chat:token' && !cancelled) {
          cancelled = true;
          socket.emit('chat:cancel', { conversationId: conversation.id }, () => undefined);
        }
      });
      const complete = events.at(-1)!;
      expect(complete).toMatchObject({ event: 'chat:complete', payload: { cancelled: true } });
      expect(events.filter((e) => e.event === 'chat:token').length).toBeLessThan(150);
    });
  }
});
