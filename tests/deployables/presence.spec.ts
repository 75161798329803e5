import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type PresenceUpdatedEvent, presenceUpdatedEventSchema, type Project, type ServerToClientEvents, sessionResponseSchema } from '@dawg/contracts';
import { SOCKET_PATHS } from '@dawg/realtime';
import { createTestDatabase, ServiceProcess, type TestDatabase, testServiceEnv } from '@dawg/testing';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Person {
  id: string;
  token: string;
}

/**
 * Presence in a project room with real socket.io clients on two api
 * replicas sharing Redis: who is there is the same list wherever one is
 * connected, a user with two tabs is listed once, and leaving (unsubscribe,
 * disconnect) is seen by the others.
 */
describe('presence in a project across two api replicas', () => {
  let db: TestDatabase;
  let a: { service: ServiceProcess; url: string };
  let b: { service: ServiceProcess; url: string };
  let mara: Person;
  let jon: Person;
  let stranger: Person;
  let project: Project;
  const open: Client[] = [];
  /** Every presence event each socket has received, in order. */
  const heard = new Map<Client, PresenceUpdatedEvent[]>();

  const rest = async <T>(url: string, method: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const register = async (email: string, displayName: string): Promise<Person> => {
    const res = await rest(a.url, 'POST', '/auth/register', { email, password: 'correct horse battery', displayName });
    expect(res.status).toBe(201);
    const session = sessionResponseSchema.parse(res.body);
    return { id: session.user.id, token: session.tokens.accessToken };
  };
  const connect = (url: string, person: Person): Promise<Client> => {
    const socket: Client = io(url, { path: SOCKET_PATHS.api, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: person.token } });
    open.push(socket);
    heard.set(socket, []);
    socket.on('presence:updated', (payload) => heard.get(socket)!.push(presenceUpdatedEventSchema.parse(payload)));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  const subscribe = async (socket: Client) => expect(await socket.emitWithAck('subscribe:project', { projectId: project.id })).toMatchObject({ ok: true });
  /**
   * Who the socket sees in the room once it agrees with `expected`. Replicas
   * announce independently, so snapshots may arrive out of order: the client
   * keeps the latest by `at`, as the studio does.
   */
  const sees = async (socket: Client, expected: string[]): Promise<PresenceUpdatedEvent> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const events = heard.get(socket)!;
      const latest = events.reduce<PresenceUpdatedEvent | undefined>((best, e) => (!best || Date.parse(e.at) >= Date.parse(best.at) ? e : best), undefined);
      const ids = latest?.members.map((m) => m.userId).sort();
      if (latest && JSON.stringify(ids) === JSON.stringify([...expected].sort())) return latest;
      if (Date.now() > deadline) throw new Error(`expected ${JSON.stringify(expected)} in the room, the latest presence was ${JSON.stringify(latest)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { ...testServiceEnv(db.url), RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' };
    [a, b] = await Promise.all([ServiceProcess.start('api', env), ServiceProcess.start('api', env)]);
    mara = await register('mara@example.com', 'Mara Beats');
    jon = await register('jon@example.com', 'Jon Keys');
    stranger = await register('stranger@example.com', 'Sly Stranger');
    const created = await rest<Project>(a.url, 'POST', '/projects', { name: 'Night Drive' }, mara.token);
    expect(created.status).toBe(201);
    project = created.body;
    expect((await rest(a.url, 'POST', `/projects/${project.id}/collaborators`, { email: 'jon@example.com', role: 'editor' }, mara.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await Promise.all([a?.service.stop(), b?.service.stop()]);
    await db?.drop();
  });

  it('lists who is in the project wherever they are connected, a user with two tabs once, and sees them leave', async () => {
    // Mara on replica A is alone in the room.
    const maraTab = await connect(a.url, mara);
    await subscribe(maraTab);
    const alone = await sees(maraTab, [mara.id]);
    expect(alone).toMatchObject({ projectId: project.id, members: [{ userId: mara.id, displayName: 'Mara Beats', initials: 'MB', colour: expect.stringMatching(/^#[0-9a-f]{6}$/) }] });
    const maraSince = alone.members[0]!.since;

    // Jon joins on replica B: both see both, with his name, initials and colour.
    const jonTab = await connect(b.url, jon);
    await subscribe(jonTab);
    const both = await sees(maraTab, [mara.id, jon.id]);
    expect(both.members.find((m) => m.userId === jon.id)).toMatchObject({ displayName: 'Jon Keys', initials: 'JK' });
    expect(both.members.find((m) => m.userId === mara.id)!.since).toBe(maraSince);
    await sees(jonTab, [mara.id, jon.id]);

    // Jon's second tab, on replica A: he is still listed once, since his first tab joined.
    const jonSecondTab = await connect(a.url, jon);
    await subscribe(jonSecondTab);
    const twoTabs = await sees(jonSecondTab, [mara.id, jon.id]);
    expect(twoTabs.members.filter((m) => m.userId === jon.id)).toHaveLength(1);
    const jonSince = Date.parse(twoTabs.members.find((m) => m.userId === jon.id)!.since);
    expect(jonSince).toBe(Date.parse(both.members.find((m) => m.userId === jon.id)!.since));

    // A stranger cannot join, so never appears.
    const outsider = await connect(b.url, stranger);
    expect(await outsider.emitWithAck('subscribe:project', { projectId: project.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The first tab unsubscribes: the second keeps Jon in the room.
    const marasCount = heard.get(maraTab)!.length;
    expect(await jonTab.emitWithAck('unsubscribe:project', { projectId: project.id })).toMatchObject({ ok: true });
    const afterUnsubscribe = await (async () => {
      while (heard.get(maraTab)!.length === marasCount) await new Promise((r) => setTimeout(r, 25));
      return sees(maraTab, [mara.id, jon.id]);
    })();
    expect(afterUnsubscribe.members).toHaveLength(2);

    // The second tab disconnects: Jon is gone for Mara.
    jonSecondTab.close();
    await sees(maraTab, [mara.id]);
    expect(heard.get(outsider)).toEqual([]);

    // Back on replica B, then unsubscribing: gone again, seen across replicas.
    await subscribe(jonTab);
    await sees(maraTab, [mara.id, jon.id]);
    expect(await jonTab.emitWithAck('unsubscribe:project', { projectId: project.id })).toMatchObject({ ok: true });
    await sees(maraTab, [mara.id]);
  });
});
