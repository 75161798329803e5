import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  type Project,
  type ProjectUpdatedEvent,
  type ServerToClientEvents,
  sessionResponseSchema,
  type SocketConnectError,
  type Track,
  type TrackUpdatedEvent,
} from '@dawg/contracts';
import { RealtimeEmitter, SOCKET_PATHS } from '@dawg/realtime';
import { createTestDatabase, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The same socket without the typed maps, to send what a typed client could not. */
type RawClient = { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };

const MAX_PER_IP = 3;

describe('realtime across two api replicas sharing Redis', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const replicas: Array<{ service: ServiceProcess; url: string }> = [];
  let a: { service: ServiceProcess; url: string };
  let b: { service: ServiceProcess; url: string };
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let project: Project;
  let redis: Redis;
  const open: Client[] = [];

  const rest = async <T>(url: string, method: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };

  const register = async (email: string) => {
    const res = await rest(a.url, 'POST', '/auth/register', { email, password: 'correct horse battery', displayName: email.split('@')[0] });
    expect(res.status).toBe(201);
    const session = sessionResponseSchema.parse(res.body);
    return { id: session.user.id, token: session.tokens.accessToken };
  };

  /** A socket.io-client as the web app would open it; resolves once connected, rejects with the connect_error. */
  const connect = (url: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Client> => {
    const socket: Client = io(url, {
      path: SOCKET_PATHS.api,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: options.token ? { token: options.token } : {},
      extraHeaders: options.headers,
    });
    open.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  /** Closes sockets and waits until their replica has logged the disconnect (and so has given back the IP's slot). */
  const close = async (...sockets: Client[]) => {
    await Promise.all(
      sockets.map((socket) => {
        const id = socket.id;
        socket.close();
        if (!id) return undefined;
        return Promise.race(replicas.map((r) => r.service.waitForLog((l) => l.msg === 'socket disconnected' && l.socketId === id)));
      }),
    );
  };

  const next = <E extends keyof ServerToClientEvents>(socket: Client, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> =>
    new Promise((resolve) => socket.once(event as 'pong', resolve as (payload: unknown) => void));

  beforeAll(async () => {
    db = await createTestDatabase();
    // Both replicas share the database and the Redis prefix, as replicas of one installation do.
    env = { ...testServiceEnv(db.url), WS_MAX_CONNECTIONS_PER_IP: String(MAX_PER_IP), RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' };
    replicas.push(...(await Promise.all([ServiceProcess.start('api', env), ServiceProcess.start('api', env)])));
    [a, b] = replicas as [typeof a, typeof b];
    owner = await register('owner@example.com');
    stranger = await register('stranger@example.com');
    const created = await rest<Project>(a.url, 'POST', '/projects', { name: 'Night Drive', bpm: 92 }, owner.token);
    expect(created.status).toBe(201);
    project = created.body;
    redis = new Redis(env.REDIS_URL!);
  });
  afterEach(async () => {
    await close(...open.splice(0).filter((s) => s.connected));
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all(replicas.map((r) => r.service.stop()));
    await db?.drop();
  });

  it('refuses a handshake without a token, or with a bad one, with UNAUTHENTICATED in err.data', async () => {
    const missing = (await connect(a.url).then(
      () => undefined,
      (err: Error & { data?: SocketConnectError }) => err,
    ))!;
    expect(missing.data).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('access token is required') });
    expect(missing.message).toBe(missing.data!.message);

    const forged = (await connect(b.url, { token: `${owner.token.slice(0, -4)}AAAA` }).then(
      () => undefined,
      (err: Error & { data?: SocketConnectError }) => err,
    ))!;
    expect(forged.data).toEqual({ code: 'UNAUTHENTICATED', message: 'The access token is invalid.' });

    // The token may also come as an Authorization header (non-browser clients).
    const viaHeader = await connect(a.url, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(viaHeader.connected).toBe(true);
  });

  it('limits connections per IP across both replicas, and a disconnect frees a slot', async () => {
    const held = [await connect(a.url, { token: owner.token }), await connect(b.url, { token: owner.token }), await connect(a.url, { token: stranger.token })];
    const refused = (await connect(b.url, { token: owner.token }).then(
      () => undefined,
      (err: Error & { data?: SocketConnectError }) => err,
    ))!;
    expect(refused.data).toEqual({ code: 'RATE_LIMITED', message: `Too many connections from your address: at most ${MAX_PER_IP} at once.` });

    await close(held[0]!);
    const admitted = await connect(b.url, { token: owner.token });
    expect(admitted.connected).toBe(true);
  });

  it('lets a member subscribe to a project, and answers a stranger NOT_FOUND without joining', async () => {
    const member = await connect(a.url, { token: owner.token });
    const outsider = await connect(a.url, { token: stranger.token });
    expect(await member.emitWithAck('subscribe:project', { projectId: project.id })).toEqual({ ok: true, data: { projectId: project.id, role: 'owner' } });
    const refusal = await outsider.emitWithAck('subscribe:project', { projectId: project.id });
    expect(refusal).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'The project was not found.', requestId: expect.any(String) } });

    const strangerEvents: string[] = [];
    outsider.onAny((event: string) => strangerEvents.push(event));
    const updated = next(member, 'project:updated');
    const renamed = await rest<Project>(b.url, 'PATCH', `/projects/${project.id}`, { name: 'Night Drive (v2)', version: project.version }, owner.token);
    expect(renamed.status).toBe(200);
    project = renamed.body;
    expect(await updated).toMatchObject({ projectId: project.id, actorId: owner.id, change: { entity: 'project', action: 'updated', id: project.id }, project: { name: 'Night Drive (v2)' } });

    // A barrier: the stranger's own notification arrives after anything the same replica sent it before.
    const barrier = next(outsider, 'notification');
    new RealtimeEmitter(redis, env.REDIS_KEY_PREFIX!).toUser(stranger.id).emit('notification', { id: 'n1', level: 'info', title: 'barrier', at: new Date().toISOString() });
    await barrier;
    expect(strangerEvents).toEqual(['notification']);
  });

  it('answers an invalid payload with VALIDATION_FAILED and its issues, and keeps the socket connected', async () => {
    const socket = await connect(b.url, { token: owner.token });
    const raw = socket as unknown as RawClient;
    expect(await raw.emitWithAck('subscribe:project', { projectId: 'not-a-uuid', extra: true })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The event payload is invalid.',
        details: { issues: expect.arrayContaining([{ path: 'projectId', message: 'must be a UUID' }, expect.objectContaining({ path: '' })]) },
        requestId: expect.any(String),
      },
    });
    expect(await raw.emitWithAck('subscribe:project', 'just a string')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await raw.emitWithAck('no:such:event', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown event "no:such:event".' } });
    expect(socket.connected).toBe(true);
    expect(await socket.emitWithAck('ping', {})).toMatchObject({ ok: true });
  });

  it('answers ping with the server time, as an ack or as a pong event', async () => {
    const socket = await connect(a.url, { token: owner.token });
    const before = Date.now();
    const ack = await socket.emitWithAck('ping', { clientTime: 42 });
    expect(ack).toEqual({ ok: true, data: { serverTime: expect.any(Number), clientTime: 42 } });
    if (!ack.ok) throw new Error('unreachable');
    expect(ack.data.serverTime).toBeGreaterThanOrEqual(before - 1_000);

    const pong = next(socket, 'pong');
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit('ping', {});
    expect(await pong).toEqual({ serverTime: expect.any(Number) });
  });

  it('delivers project:updated and track:updated caused by REST on replica B to a client on replica A', async () => {
    const onA = await connect(a.url, { token: owner.token });
    expect(await onA.emitWithAck('subscribe:project', { projectId: project.id })).toMatchObject({ ok: true });

    const trackEvent = next(onA, 'track:updated');
    const projectEvent = next(onA, 'project:updated');
    const created = await rest<Track>(b.url, 'POST', `/projects/${project.id}/tracks`, { name: 'Drums', kind: 'midi' }, owner.token);
    expect(created.status).toBe(201);
    const track: TrackUpdatedEvent = await trackEvent;
    expect(track).toMatchObject({ projectId: project.id, trackId: created.body.id, change: { entity: 'track', action: 'created', id: created.body.id }, track: { name: 'Drums', kind: 'midi' } });
    expect(((await projectEvent) as ProjectUpdatedEvent).change).toEqual({ entity: 'track', action: 'created', id: created.body.id });

    // A clip on the track is a change to that track too; a marker only to the project.
    const clipEvent = next(onA, 'track:updated');
    const clip = await rest<{ id: string }>(b.url, 'POST', `/projects/${project.id}/clips`, { trackId: created.body.id, startBeat: 0, lengthBeats: 4, notes: [] }, owner.token);
    expect(clip.status).toBe(201);
    expect(await clipEvent).toMatchObject({ trackId: created.body.id, change: { entity: 'clip', action: 'created', id: clip.body.id } });

    const markerEvent = next(onA, 'project:updated');
    const marker = await rest<{ id: string }>(b.url, 'POST', `/projects/${project.id}/markers`, { name: 'Verse', beat: 16 }, owner.token);
    expect(marker.status).toBe(201);
    expect(await markerEvent).toMatchObject({ change: { entity: 'marker', action: 'created', id: marker.body.id } });

    // Unsubscribed, the client hears no more of the project.
    expect(await onA.emitWithAck('unsubscribe:project', { projectId: project.id })).toEqual({ ok: true, data: { projectId: project.id } });
    const heard: string[] = [];
    onA.onAny((event: string) => heard.push(event));
    expect((await rest(b.url, 'DELETE', `/projects/${project.id}/markers/${marker.body.id}`, undefined, owner.token)).status).toBe(204);
    const barrier = next(onA, 'notification');
    new RealtimeEmitter(redis, env.REDIS_KEY_PREFIX!).toUser(owner.id).emit('notification', { id: 'n2', level: 'info', title: 'barrier', at: new Date().toISOString() });
    await barrier;
    expect(heard).toEqual(['notification']);
  });

  it('delivers generation:progress sent with RealtimeEmitter from another process to the user on either replica', async () => {
    const [onA, onB] = [await connect(a.url, { token: owner.token }), await connect(b.url, { token: owner.token })];
    const received = Promise.all([next(onA, 'generation:progress'), next(onB, 'generation:progress')]);
    const emitter = new RealtimeEmitter(redis, env.REDIS_KEY_PREFIX!);
    const progress = { jobId: '3f1c7a1e-0000-4000-8000-000000000001', kind: 'beat' as const, stage: 'render' as const, percent: 40 };
    emitter.toUser(owner.id).emit('generation:progress', progress);
    expect(await received).toEqual([progress, progress]);
  });

  it('logs each socket event with its correlation id, socket and user, and exports socket metrics', async () => {
    const socket = await connect(a.url, { token: owner.token });
    const ack = await socket.emitWithAck('subscribe:project', { projectId: '00000000-0000-4000-8000-000000000000' });
    if (ack.ok) throw new Error('a project that does not exist was subscribed to');
    const line = await a.service.waitForLog((l) => l.msg === 'socket event' && l.eventId === ack.error.requestId);
    expect(line).toMatchObject({ socketId: socket.id, userId: owner.id, event: 'subscribe:project', outcome: 'NOT_FOUND' });

    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    expect(metrics).toMatch(/^socketio_connected_sockets\{[^}]*path="\/socket.io"[^}]*\} [1-9]/m);
    expect(metrics).toMatch(/^socketio_events_received_total\{[^}]*event="subscribe:project"[^}]*\} [1-9]/m);
    expect(metrics).toMatch(/^socketio_connections_refused_total\{[^}]*reason="unauthenticated"[^}]*\} [1-9]/m);
  });

  it('disconnects its clients when it drains, so they reconnect to another replica', async () => {
    const extra = await ServiceProcess.start('api', env);
    replicas.push(extra);
    const socket = await connect(extra.url, { token: owner.token });
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    extra.service.signal('SIGTERM');
    // Closed by the server's transport (not "io server disconnect"), so a client with reconnection on tries again.
    expect(await gone).toBe('transport close');
    expect(await extra.service.exited()).toEqual({ code: 0, signal: null });
    replicas.pop();
  });
});
