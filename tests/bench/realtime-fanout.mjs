// @ts-check
/**
 * Socket.IO fan-out across replicas: what the api's realtime stack costs over
 * a bare Socket.IO server with the same Redis adapter.
 *
 * Two api replicas (the built dist, sharing Postgres and Redis) and two plain
 * Socket.IO servers (node:http + socket.io + @socket.io/redis-adapter, no
 * auth, no validation, no metrics), each run as its own process. `clients`
 * sockets are spread over each side's replicas and put in one project room
 * (api: a real `subscribe:project` with a real token, membership checked in
 * Postgres). Then `messages` broadcasts to the room, one every `intervalMs`,
 * and every delivery's latency is recorded; one side at a time.
 *
 * The broadcasts are published to Redis with the emitter (api: our
 * RealtimeEmitter, the generation worker's path; plain: @socket.io/redis-emitter
 * with the same parser): both sides then do exactly the realtime work, one
 * PUBLISH, every replica's adapter receiving it, and each replica writing to
 * its share of the room. Causing them by REST PATCHes would add an HTTP
 * request and a Postgres transaction to the api side that the plain side has
 * no counterpart for, so the ratio would measure the database, not realtime.
 *
 * Standalone: `node tests/bench/realtime-fanout.mjs` prints a table and one
 * JSON line. Options from env: BENCH_WS_CLIENTS (1000), BENCH_WS_MESSAGES (200),
 * BENCH_WS_INTERVAL_MS (20). Imported: `await fanoutBench({...})` inside
 * bench-kit's `runBench` (which cleans up the processes it started).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onCleanup, prepareEnvironment, root, row, runBench, say, startApi } from './bench-kit.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('ioredis').Redis} */
const Redis = require('ioredis').Redis;
/** @type {typeof import('socket.io-client').io} */
const io = require('socket.io-client').io;

export const TARGET_P99_RATIO = 1.3;
const ROOM_PROJECT = 'fanout';

// ------------------------------------------------------------ plain servers

/** A child process running one bare Socket.IO server with the Redis adapter; resolves with its URL. @param {string} redisUrl @param {string} key */
async function startPlainServer(redisUrl, key) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--plain-server'], {
    cwd: root,
    env: { PATH: process.env.PATH, REDIS_URL: redisUrl, PLAIN_KEY: key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
  return /** @type {Promise<string>} */ (
    new Promise((ok, fail) => {
      void exited.then((code) => fail(new Error(`a plain Socket.IO server exited (${String(code)}) before listening`)));
      lines.once('line', (line) => ok(String(JSON.parse(line).url)));
    })
  );
}

async function runPlainServer() {
  const { Server } = require('socket.io');
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pub = new Redis(/** @type {string} */ (process.env.REDIS_URL));
  const sub = pub.duplicate();
  const server = createServer();
  const ioServer = new Server(server, { serveClient: false, adapter: createAdapter(pub, sub, { key: process.env.PLAIN_KEY }) });
  ioServer.on('connection', (/** @type {import('socket.io').Socket} */ socket) => void socket.join(`project:${String(socket.handshake.query.room)}`));
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
  process.once('SIGTERM', () => {
    ioServer.close();
    pub.disconnect();
    sub.disconnect();
    process.exit(0);
  });
}

// ------------------------------------------------------------------ clients

/**
 * Connects `count` clients round-robin over `urls`; `join` puts each in the room.
 * @param {string[]} urls @param {number} count @param {Record<string, unknown>} options
 * @param {(socket: import('socket.io-client').Socket) => Promise<void>} join
 */
async function connectClients(urls, count, options, join) {
  /** @type {import('socket.io-client').Socket[]} */
  const sockets = [];
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async (_, j) => {
        const socket = io(urls[(i + j) % urls.length], { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
        await new Promise((ok, fail) => {
          socket.once('connect', () => ok(undefined));
          socket.once('connect_error', fail);
        });
        await join(socket);
        return socket;
      }),
    );
    sockets.push(...made);
  }
  return sockets;
}

/**
 * Sends `messages` broadcasts (`send(seq)`) every `intervalMs` and collects each delivery's latency in ms.
 * @param {import('socket.io-client').Socket[]} sockets @param {string} event
 * @param {(payload: any) => number} seqOf @param {(seq: number) => void} send
 * @param {{ messages: number, intervalMs: number }} plan
 */
async function measure(sockets, event, seqOf, send, { messages, intervalMs }) {
  /** @type {number[]} */
  const sentAt = [];
  /** @type {number[]} */
  const latencies = [];
  const expected = messages * sockets.length;
  /** @type {() => void} */
  let done = () => undefined;
  const all = new Promise((ok) => (done = () => ok(undefined)));
  for (const socket of sockets) {
    socket.on(event, (/** @type {unknown} */ payload) => {
      latencies.push(performance.now() - /** @type {number} */ (sentAt[seqOf(payload)]));
      if (latencies.length === expected) done();
    });
  }
  for (let seq = 0; seq < messages; seq++) {
    sentAt[seq] = performance.now();
    send(seq);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error(`${event}: ${latencies.length}/${expected} deliveries after 30 s`)), 30_000).unref());
  await Promise.race([all, timeout]);
  latencies.sort((x, y) => x - y);
  const pct = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { deliveries: latencies.length, p50Ms: pct(50), p99Ms: pct(99), maxMs: latencies.at(-1) ?? 0 };
}

const closeAll = (/** @type {import('socket.io-client').Socket[]} */ sockets) => sockets.forEach((s) => s.close());

// -------------------------------------------------------------------- bench

/**
 * @param {{ clients?: number, replicas?: number, messages?: number, intervalMs?: number }} [options]
 */
export async function fanoutBench({ clients = 1000, replicas = 2, messages = 200, intervalMs = 20 } = {}) {
  const { env } = await prepareEnvironment({ RATE_LIMIT_GENERAL: '1000000000/900', WS_MAX_CONNECTIONS_PER_IP: String(clients * 2) });
  const redisUrl = /** @type {string} */ (env.REDIS_URL);
  const prefix = /** @type {string} */ (env.REDIS_KEY_PREFIX);
  const apis = await Promise.all(Array.from({ length: replicas }, () => startApi(env)));
  const plains = await Promise.all(Array.from({ length: replicas }, () => startPlainServer(redisUrl, `${prefix}plain:socket.io`)));
  const redis = new Redis(redisUrl);
  onCleanup(async () => void redis.disconnect());

  // One musician and one project, through the api like the web app.
  const call = async (/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body, /** @type {string} */ token = '') => {
    const res = await fetch(`${apis[0]?.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return /** @type {Record<string, any>} */ (await res.json());
  };
  const session = await call('POST', '/auth/register', { email: 'fanout@example.com', password: 'correct horse battery', displayName: 'Fan-out' });
  const token = String(session.tokens.accessToken);
  const project = await call('POST', '/projects', { name: 'Fan-out' }, token);
  const plan = { messages, intervalMs };

  say(`api: connecting ${clients} clients over ${replicas} replicas ...`);
  const apiSockets = await connectClients(apis.map((a) => a.url), clients, { auth: { token } }, async (socket) => {
    const ack = await socket.emitWithAck('subscribe:project', { projectId: project.id });
    if (!ack?.ok) throw new Error(`subscribe:project: ${JSON.stringify(ack)}`);
  });
  const { RealtimeEmitter } = require(join(root, 'services/libs/realtime/dist/index.js'));
  const emitter = new RealtimeEmitter(redis, prefix);
  const at = new Date().toISOString();
  say(`api: ${messages} broadcasts ...`);
  const api = await measure(apiSockets, 'project:updated', (p) => Number(p.change.id), (seq) =>
    emitter.toProject(project.id).emit('project:updated', { projectId: project.id, change: { entity: 'project', action: 'updated', id: String(seq) }, actorId: 'bench', at }), plan);
  closeAll(apiSockets);

  say(`plain: connecting ${clients} clients over ${replicas} servers ...`);
  const plainSockets = await connectClients(plains, clients, { query: { room: ROOM_PROJECT } }, async () => undefined);
  const { Emitter } = require('@socket.io/redis-emitter');
  const plainEmitter = new Emitter(redis, { key: `${prefix}plain:socket.io` });
  say(`plain: ${messages} broadcasts ...`);
  const plain = await measure(plainSockets, 'project:updated', (p) => Number(p.change.id), (seq) =>
    plainEmitter.to(`project:${ROOM_PROJECT}`).emit('project:updated', { projectId: project.id, change: { entity: 'project', action: 'updated', id: String(seq) }, actorId: 'bench', at }), plan);
  closeAll(plainSockets);

  const p99Ratio = plain.p99Ms > 0 ? api.p99Ms / plain.p99Ms : Infinity;
  return { clients, replicas, messages, intervalMs, api, plain, p99Ratio, target: TARGET_P99_RATIO, met: p99Ratio <= TARGET_P99_RATIO };
}

/** @param {Awaited<ReturnType<typeof fanoutBench>>} result */
export function printFanout(result) {
  const fmt = (/** @type {number} */ ms) => ms.toFixed(2);
  process.stdout.write(`\nSocket.IO fan-out: ${result.clients} clients over ${result.replicas} replicas, ${result.messages} broadcasts every ${result.intervalMs} ms\n`);
  process.stdout.write(`${row(['target', 'deliveries', 'p50 ms', 'p99 ms', 'max ms'])}\n`);
  for (const [name, r] of /** @type {const} */ ([['api', result.api], ['plain', result.plain]])) {
    process.stdout.write(`${row([name, String(r.deliveries), fmt(r.p50Ms), fmt(r.p99Ms), fmt(r.maxMs)])}\n`);
  }
  process.stdout.write(`p99 ratio api/plain: ${result.p99Ratio.toFixed(2)} (target <= ${result.target}) ${result.met ? 'met' : 'MISSED'}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'realtime-fanout', ...result })}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--plain-server')) {
    await runPlainServer();
  } else {
    await runBench(async () => {
      const num = (/** @type {string} */ name, /** @type {number} */ fallback) => Number(process.env[name] ?? fallback);
      printFanout(await fanoutBench({ clients: num('BENCH_WS_CLIENTS', 1000), messages: num('BENCH_WS_MESSAGES', 200), intervalMs: num('BENCH_WS_INTERVAL_MS', 20) }));
    });
  }
}
