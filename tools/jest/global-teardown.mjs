// @ts-check
import pg from 'pg';
import { dropDatabases } from '../infra/postgres.mjs';

/** Drops every database this run created, then stops servers the setup started. */
export default async function globalTeardown() {
  const infra = /** @type {any} */ (globalThis).__dawgTestInfra;
  if (!infra) return;
  const client = new pg.Client({ connectionString: infra.postgres.adminUrl });
  await client.connect();
  const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`dawg_t_${infra.runId}_%`]);
  await client.end();
  await dropDatabases(infra.postgres.adminUrl, [...rows.map((r) => r.datname), infra.template]);
  await infra.redis.stop();
  await infra.postgres.stop();
}
