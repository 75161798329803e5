import { setTimeout as sleep } from 'node:timers/promises';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Client as Pg } from 'pg';
import { type GenerationAccepted, type GenerationStatus, generationStatusSchema, type Project, sessionResponseSchema } from '@dawg/contracts';
import { createTestDatabase, type S3TestServer, startS3Server, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { routeFor } from '../../tools/proxy-routes.mjs';
import { type Client, Cluster, next, type Replica } from './cluster';

/**
 * The deployment's topology with the real processes: two replicas each of
 * api, ai-brain and voice and two generation workers, behind nginx configured
 * from the chart's own routes, with one Postgres database and one Redis
 * prefix (so they form one installation), and objects in s3rver.
 */
const AUTH_LIMIT = 4;

describe('topology: replicas behind a reverse proxy with the Ingress routes', () => {
  let db: TestDatabase;
  let s3: S3TestServer;
  let cluster: Cluster;
  let token: string;
  let userId: string;
  let project: Project;
  const opened: Client[] = [];

  const apis = () => cluster.of('api') as [Replica, Replica];
  const rename = async (name: string) => {
    const res = await cluster.call<Project>('PATCH', `/api/v1/projects/${project.id}`, { token, body: { name, version: project.version } });
    expect(res.status).toBe(200);
    project = res.body;
  };
  const attach = async (...args: Parameters<Cluster['attach']>) => {
    const socket = await cluster.attach(...args);
    opened.push(socket);
    return socket;
  };
  const status = async (jobId: string) => {
    const res = await cluster.call<GenerationStatus>('GET', `/api/v1/generate/status/${jobId}`, { token });
    if (res.status !== 200) throw new Error(`status ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
    return generationStatusSchema.parse(res.body);
  };
  const finished = async (jobIds: string[], timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    const done = new Map<string, GenerationStatus>();
    while (done.size < jobIds.length && Date.now() < deadline) {
      for (const id of jobIds.filter((j) => !done.has(j))) {
        const s = await status(id);
        if (s.state !== 'queued' && s.state !== 'running') done.set(id, s);
      }
      await sleep(100);
    }
    return done;
  };
  const pg = async <T>(fn: (client: Pg) => Promise<T>): Promise<T> => {
    const client = new Pg({ connectionString: db.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const jobRows = (jobIds: string[]) =>
    pg(async (c) => (await c.query<{ id: string; status: string; attempts: number; seed: number }>(`SELECT id, status, attempts, (params->>'seed')::int AS seed FROM generation_jobs WHERE id = ANY($1::uuid[]) ORDER BY id`, [jobIds])).rows);
  const storedKeys = async (prefix: string) => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    client.destroy();
    return keys.sort();
  };

  beforeAll(async () => {
    [db, s3] = await Promise.all([createTestDatabase(), startS3Server()]);
    const env = {
      ...testServiceEnv(db.url),
      ...s3.env,
      RATE_LIMIT_AUTH: `${AUTH_LIMIT}/3600`,
      RATE_LIMIT_GENERAL: '1000000/900',
      RATE_LIMIT_GENERATION: '1000000/3600',
      WS_MAX_CONNECTIONS_PER_IP: '1000',
      SHUTDOWN_GRACE_MS: '20000',
      GENERATION_CONCURRENCY: '1',
    };
    // A replica refused or timed out is left alone for 2 s (and requests go to the others).
    cluster = await Cluster.start({ api: 2, 'ai-brain': 2, voice: 2, generation: 2 }, env, { failTimeoutSeconds: 2 });

    // The one sign-up: also the first request counted against this address's auth limit (see the rate-limit test).
    const registered = await cluster.call('POST', '/api/v1/auth/register', { body: { email: 'producer@example.com', password: 'correct horse battery', displayName: 'Producer' } });
    expect(registered.status).toBe(201);
    const session = sessionResponseSchema.parse(registered.body);
    token = session.tokens.accessToken;
    userId = session.user.id;
    const created = await cluster.call<Project>('POST', '/api/v1/projects', { token, body: { name: 'Night Drive', bpm: 92 } });
    expect(created.status).toBe(201);
    project = created.body;
  }, 120_000);
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await cluster?.stop();
    await s3?.close();
    await db?.drop();
  });

  it('routes every path of the chart to its component by longest prefix, on whole path segments', async () => {
    expect(cluster.ingress.routes.map((r) => r.component)).toEqual(expect.arrayContaining(['api', 'ai-brain', 'voice']));
    expect(cluster.ingress.routes.some((r) => r.component === 'generation')).toBe(false);
    for (const route of cluster.ingress.routes) {
      const path = route.websocket ? `${route.path}/?EIO=4&transport=polling` : `${route.path}/topology-probe`;
      expect(routeFor(cluster.ingress.routes, path)).toBe(route);
      const requestId = `route-${route.component}-${route.path.replace(/\W/g, '_')}`;
      const res = await cluster.call('GET', path, { requestId });
      const replicas = cluster.of(route.component as Replica['component']);
      if (replicas.length === 0) {
        // Routed, but nothing runs it here (the gateway): a Service without endpoints.
        expect(res.status).toBe(503);
        continue;
      }
      const upstream = await cluster.upstreamOf(requestId);
      expect({ path, component: cluster.byAddress(upstream)?.component }).toEqual({ path, component: route.component });
      // A socket route's first answer pins the client with the affinity cookie, scoped to the route's path.
      const cookie = cluster.ingress.affinityCookie;
      if (route.websocket && cookie) expect(res.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^${cookie}=[0-9a-f]{32}; Path=${route.path}; HttpOnly; SameSite=Lax$`))]);
    }
    // Prefix matching is per path segment, as for pathType Prefix: /apix is not /api. It falls to `/`, the web
    // app's, which runs no replica here, so the proxy answers for it.
    const stray = await cluster.call<{ error: { code: string } }>('GET', '/apix/v1/projects');
    expect(routeFor(cluster.ingress.routes, '/apix/v1/projects')?.component).toBe('web');
    expect(stray.status).toBe(503);
    expect(stray.body.error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('delivers project:updated to WebSocket and long-polling clients on both api replicas after a REST change through the proxy', async () => {
    const [a, b] = apis();
    const clients = {
      wsOnA: await attach(a, { token, transport: 'websocket', projectId: project.id }),
      wsOnB: await attach(b, { token, transport: 'websocket', projectId: project.id }),
      pollingOnA: await attach(a, { token, transport: 'polling', projectId: project.id }),
      pollingOnB: await attach(b, { token, transport: 'polling', projectId: project.id }),
    };
    // Each is where its name says, by that replica's own log.
    for (const [name, socket] of Object.entries(clients)) expect([name, (await cluster.hostOf(socket.id!))?.name]).toEqual([name, name.endsWith('A') ? a.name : b.name]);

    const received = Object.values(clients).map((socket) => next(socket, 'project:updated'));
    await rename('Night Drive (topology)');
    for (const event of await Promise.all(received)) {
      expect(event).toMatchObject({ projectId: project.id, actorId: userId, change: { entity: 'project', action: 'updated' }, project: { name: 'Night Drive (topology)' } });
    }

    // The polling clients stayed on long-polling, and every request of their sessions (handshake, CONNECT, polls, acks)
    // went to one replica: without the affinity cookie, half would reach a replica that does not know the session.
    for (const [socket, replica] of [[clients.pollingOnA, a], [clients.pollingOnB, b]] as const) {
      expect(socket.io.engine.transport.name).toBe('polling');
      const session = await cluster.sessionRequests(socket.io.engine.id!);
      expect(session.length).toBeGreaterThanOrEqual(3);
      expect(new Set(session.map((r) => r.upstream))).toEqual(new Set([replica.address]));
      expect(session.every((r) => r.status === 200)).toBe(true);
    }
  });

  it('counts the auth rate limit across both api replicas: requests alternate, and the one over the limit is 429 on either', async () => {
    // The sign-up in beforeAll was this address's first auth request; these are the next ones.
    const answers: Array<{ status: number; remaining: unknown; replica: string | undefined; code?: string; retryAfter?: unknown }> = [];
    for (let i = 0; i < AUTH_LIMIT + 1; i++) {
      const requestId = `auth-limit-${i}`;
      const res = await cluster.call<{ error: { code: string } }>('POST', '/api/v1/auth/login', { requestId, body: { email: 'nobody@example.com', password: 'not the password' } });
      answers.push({ status: res.status, remaining: res.headers['ratelimit-remaining'], replica: (await cluster.servedBy(requestId))?.name, code: res.body.error?.code, retryAfter: res.headers['retry-after'] });
    }
    // One budget, counted down by both replicas in turn: requests 2 to N are let through, N+1 and later are refused.
    expect(answers.map((a) => [a.status, a.remaining])).toEqual([
      ...Array.from({ length: AUTH_LIMIT - 1 }, (_, i) => [401, String(AUTH_LIMIT - 2 - i)]),
      [429, '0'],
      [429, '0'],
    ]);
    // Round-robin: each request on the other replica than the one before, so the two refused ones are on different replicas.
    const replicas = answers.map((a) => a.replica);
    expect(new Set(replicas)).toEqual(new Set(apis().map((r) => r.name)));
    replicas.slice(1).forEach((replica, i) => expect(replica).not.toBe(replicas[i]));
    for (const refused of answers.slice(AUTH_LIMIT - 1)) expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.stringMatching(/^\d+$/) });
  });

  it('processes each generation job exactly once with two workers: one start, one row, one set of files', async () => {
    const workers = cluster.of('generation');
    const jobIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await cluster.call<GenerationAccepted>('POST', '/api/v1/generate/beat', { token, body: { genre: 'house', bpm: 124, bars: 4, seed: 100 + i } });
      expect(res.status).toBe(202);
      jobIds.push(res.body.jobId);
    }
    const done = await finished(jobIds);
    expect([...done.values()].map((s) => [s.state, s.attempts])).toEqual(jobIds.map(() => ['succeeded', 1]));

    const starts = (jobId: string) => workers.flatMap((w) => w.service.lines.filter((l) => l.msg === 'generation started' && l.jobId === jobId).map(() => w.name));
    for (const jobId of jobIds) expect(starts(jobId)).toHaveLength(1);
    // Both workers took jobs from the one queue.
    expect(new Set(jobIds.flatMap(starts))).toEqual(new Set(workers.map((w) => w.name)));

    const rows = await jobRows(jobIds);
    expect(rows.map((r) => [r.id, r.status, r.attempts])).toEqual([...jobIds].sort().map((id) => [id, 'succeeded', 1]));
    for (const jobId of jobIds) {
      expect(await storedKeys(`generations/${userId}/${jobId}/`)).toEqual([`generations/${userId}/${jobId}/beat.mid`, `generations/${userId}/${jobId}/beat.wav`]);
    }
  });

  it('loses no job when an api replica is killed (SIGKILL) under traffic, and its socket clients carry on from the other replica', async () => {
    const [victim, survivor] = apis();
    const sockets = [
      await attach(victim, { token, transport: 'websocket', projectId: project.id, reconnection: true }),
      await attach(victim, { token, transport: 'polling', projectId: project.id, reconnection: true }),
    ];
    const reconnected = sockets.map((socket) => new Promise<void>((resolve) => socket.once('disconnect', () => socket.io.once('reconnect', () => resolve()))));

    // Clients sending generation requests in a loop; a request that fails (a 502 from the proxy when the replica dies
    // with it in flight) is sent again with the same body and request id, until it is accepted.
    const REQUESTS = 24;
    const PRODUCERS = 4;
    const accepted = new Map<number, string>();
    const failedAttempts: Array<{ seed: number; outcome: string }> = [];
    let statusReads = 0;
    const statusFailures: string[] = [];
    let sent = 0;
    const produce = async () => {
      while (sent < REQUESTS) {
        const seed = 7000 + sent++;
        for (let attempt = 1; ; attempt++) {
          const outcome = await cluster
            .call<GenerationAccepted>('POST', '/api/v1/generate/lyrics', { token, requestId: `kill-${seed}`, body: { mood: 'hopeful', genre: 'edm-pop', topic: 'Replicas', seed } })
            .then(
              (res) => (res.status === 202 ? res : `status ${res.status}`),
              (err: Error) => `error ${err.message}`,
            );
          if (typeof outcome !== 'string') {
            accepted.set(seed, outcome.body.jobId);
            break;
          }
          // Only a failure of the transport (a 5xx or no answer) is worth sending again.
          if (/^status [1-4]/.test(outcome)) throw new Error(`request ${seed} refused: ${outcome}`);
          failedAttempts.push({ seed, outcome });
          if (attempt === 20) throw new Error(`request ${seed} never accepted: ${outcome}`);
          await sleep(100);
        }
        await sleep(20);
      }
    };
    // And a client reading job status (an idempotent GET) all along: the proxy retries those on the other replica.
    let producing = true;
    const readStatus = async () => {
      while (producing) {
        for (const jobId of [...accepted.values()].slice(-4)) {
          statusReads++;
          const res = await cluster.call('GET', `/api/v1/generate/status/${jobId}`, { token }).catch((err: Error) => ({ status: 0, body: err.message }));
          if (res.status !== 200) statusFailures.push(`${res.status} ${JSON.stringify(res.body)}`);
        }
        await sleep(10);
      }
    };
    const traffic = Promise.all(Array.from({ length: PRODUCERS }, produce)).finally(() => (producing = false));
    const reading = readStatus();

    // Kill it once traffic is flowing (and not at all if the traffic already failed).
    const flowing = (async () => {
      while (accepted.size < 6) await sleep(10);
    })();
    await Promise.race([traffic, flowing]);
    const acceptedBeforeKill = accepted.size;
    victim.service.signal('SIGKILL');
    expect((await victim.service.exited()).signal).toBe('SIGKILL');
    await traffic;
    await reading;
    expect(acceptedBeforeKill).toBeLessThan(REQUESTS / 2);

    // Every request was accepted in the end, and every accepted job ran to completion.
    expect(accepted.size).toBe(REQUESTS);
    const done = await finished([...accepted.values()]);
    expect([...done.values()].filter((s) => s.state !== 'succeeded')).toEqual([]);
    expect(done.size).toBe(REQUESTS);
    // Reads never failed: nginx sent them to the survivor.
    expect({ statusReads: statusReads > 0, statusFailures }).toEqual({ statusReads: true, statusFailures: [] });

    // What reached the database: one row per accepted job, plus at most one per failed attempt (a request the dead
    // replica had queued before it could answer: a job nobody asked for twice is not lost, but runs twice).
    const rows = await pg(async (c) => (await c.query<{ seed: number; status: string }>(`SELECT (params->>'seed')::int AS seed, status FROM generation_jobs WHERE kind = 'lyrics' AND (params->>'seed')::int BETWEEN 7000 AND ${7000 + REQUESTS - 1}`)).rows);
    expect(new Set(rows.map((r) => r.seed)).size).toBe(REQUESTS);
    expect(rows.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(rows.length - REQUESTS).toBeLessThanOrEqual(failedAttempts.length);
    process.stdout.write(
      `[topology] SIGKILL under traffic (after ${acceptedBeforeKill} of ${REQUESTS} requests): all ${REQUESTS} accepted in the end, ${failedAttempts.length} attempts failed and were retried (${failedAttempts.map((f) => f.outcome).join(', ') || 'none'}), ` +
        `${rows.length - REQUESTS} extra job(s) queued by the dead replica, ${statusReads} status reads with ${statusFailures.length} failures\n`,
    );

    // The victim's socket clients reconnected, to the survivor, and hear the next change.
    await Promise.all(reconnected);
    for (const socket of sockets) {
      expect((await cluster.hostOf(socket.id!))?.name).toBe(survivor.name);
      // Subscribed again on reconnecting, as the web app does.
      expect(await cluster.loggedBy((l) => l.msg === 'socket event' && l.socketId === socket.id && l.event === 'subscribe:project', [survivor])).toBe(survivor);
    }
    const heard = sockets.map((socket) => next(socket, 'project:updated'));
    await rename('Night Drive (after the kill)');
    for (const event of await Promise.all(heard)) expect(event.project?.name).toBe('Night Drive (after the kill)');

    // The pod is replaced: a new process at the same address.
    await cluster.restart(victim);
  });

  it('drains on SIGTERM: a request in flight completes with 200 while new requests and sockets go to the other replica', async () => {
    const [a, b] = apis();
    // Both replicas are in rotation again (the replaced one comes back once its fail_timeout has passed).
    const seen = new Set<string>();
    for (let i = 0; seen.size < 2; i++) {
      if (i > 100) throw new Error('the proxy did not send requests to both api replicas');
      const requestId = `rotation-${i}`;
      expect((await cluster.call('GET', '/api/v1/projects', { token, requestId })).status).toBe(200);
      seen.add((await cluster.servedBy(requestId))?.name ?? 'no replica');
      await sleep(50);
    }

    // A slow request, for a real reason: the project row is locked by another transaction, so the rename waits in Postgres.
    const locker = new Pg({ connectionString: db.url });
    // A failed test drops the database under it; that must not surface as an unhandled error.
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [project.id]);
    const slow = cluster.call<Project>('PATCH', `/api/v1/projects/${project.id}`, { token, requestId: 'in-flight-rename', body: { name: 'Night Drive (drained)', version: project.version } });
    // The replica holding it is the one whose connection waits on the lock.
    let holder: Replica | undefined;
    for (let i = 0; !holder; i++) {
      if (i > 250) throw new Error('the rename never reached Postgres');
      const waiting = await locker.query<{ application_name: string }>(`SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      holder = [a, b].find((r) => waiting.rows.some((w) => w.application_name === r.name));
      if (!holder) await sleep(20);
    }
    const other = holder === a ? b : a;

    holder.service.signal('SIGTERM');
    expect(await holder.service.waitForLog((l) => l.msg === 'draining')).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });

    // While it drains, new requests and new sockets go to the other replica.
    for (let i = 0; i < 6; i++) {
      const requestId = `during-drain-${i}`;
      expect((await cluster.call('GET', '/api/v1/projects', { token, requestId })).status).toBe(200);
      expect((await cluster.servedBy(requestId))?.name).toBe(other.name);
    }
    // A handshake racing the drain can fail once, as a real client's would; it reconnects, and lands on the other replica.
    let attempt = 0;
    const connected = async (): Promise<Awaited<ReturnType<typeof cluster.connect>>> => {
      try {
        return await cluster.connect({ token, transport: 'websocket' });
      } catch (err) {
        if (++attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return connected();
      }
    };
    const { socket, host } = await connected();
    opened.push(socket);
    expect(host?.name).toBe(other.name);

    await locker.query('ROLLBACK');
    await locker.end();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Night Drive (drained)');
    project = res.body;
    expect((await cluster.servedBy('in-flight-rename'))?.name).toBe(holder.name);
    expect(await holder.service.exited()).toEqual({ code: 0, signal: null });
  });
});
