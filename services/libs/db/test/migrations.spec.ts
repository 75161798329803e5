import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@dawg/testing';
import { MIGRATIONS } from '../src/schema';

/** `npm run migrate` as the chart's hook and `npm start` run it: the built script with plain node. */
function migrate(databaseUrl: string): Promise<{ code: number | null; applied: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'services/libs/db/dist/migrate.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.includes('"migrations applied"'));
      resolve({ code, applied: line ? (JSON.parse(line) as { applied: string[] }).applied : [] });
    });
  });
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await db.drop();
  });

  // Read from the migration list itself, so the test checks behaviour, not a copy of the list.
  const ALL = MIGRATIONS.map((m) => m.name).sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13)));

  it('create every table on an empty database, and a second run changes nothing', async () => {
    const first = await migrate(db.url);
    expect(first).toEqual({ code: 0, applied: ALL });
    const second = await migrate(db.url);
    expect(second).toEqual({ code: 0, applied: [] });

    const tables = await query<{ table_name: string }>(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['audit_events', 'migrations', 'refresh_sessions', 'users', 'projects', 'tracks', 'clips', 'audio_files', 'api_keys']));
    expect(await query(db.url, 'SELECT name FROM migrations')).toHaveLength(ALL.length);
  });

  it('serialise concurrent runs, so two pods starting together apply each migration once', async () => {
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(results.flatMap((r) => r.applied)).toEqual(ALL);
  });

  it('enforce case-insensitive unique emails and cascade sessions with their user', async () => {
    await migrate(db.url);
    await query(db.url, `INSERT INTO users (email, password_hash, display_name) VALUES ('Ada@Example.com', 'x', 'Ada')`);
    await expect(query(db.url, `INSERT INTO users (email, password_hash, display_name) VALUES ('ada@example.COM', 'y', 'Imposter')`)).rejects.toThrow(
      /users_email_lower_key/,
    );
    await query(db.url, `INSERT INTO refresh_sessions (user_id, family_id, token_hash, expires_at) SELECT id, gen_random_uuid(), 'h1', now() + interval '1 day' FROM users`);
    await query(db.url, `DELETE FROM users`);
    expect(await query(db.url, 'SELECT id FROM refresh_sessions')).toEqual([]);
  });

  it('exit non-zero with a clear message when DATABASE_URL is missing', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'services/libs/db/dist/migrate.js')], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^migrate: invalid configuration\n {2}DATABASE_URL: is required/);
  });
});
