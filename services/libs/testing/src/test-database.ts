import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the Jest global setup (tools/jest/global-setup.mjs). */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through Jest with the project's global setup (npm test)`);
  return value;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: required('DAWG_TEST_ADMIN_URL') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of this test run's own, cloned from the migrated template
 * (CREATE DATABASE ... TEMPLATE): real SQL, isolated, and fast. Pass
 * `migrated: false` for an empty one.
 */
export async function createTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `dawg_t_${required('DAWG_TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  const template = migrated ? required('DAWG_TEST_TEMPLATE_DB') : 'template0';
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(required('DAWG_TEST_ADMIN_URL'), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Settings every service process needs in tests. */
export function testServiceEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: required('DAWG_TEST_REDIS_URL'),
    // Keys written by this test file land apart from other files' and runs'.
    REDIS_KEY_PREFIX: `dawg-test:${required('DAWG_TEST_RUN_ID')}:${randomBytes(3).toString('hex')}:`,
    JWT_PUBLIC_KEY_FILE: required('DAWG_TEST_JWT_PUBLIC_KEY_FILE'),
    JWT_PRIVATE_KEY_FILE: required('DAWG_TEST_JWT_PRIVATE_KEY_FILE'),
  };
}
