// @ts-check
/**
 * Jest global setup: real PostgreSQL and Redis, found or started the same way
 * as `npm start` does, and a template database migrated once for this run.
 * Test files clone it (see @dawg/testing createTestDatabase). Names carry a
 * run id, so parallel runs on one server never collide.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, findOrStartPostgres } from '../infra/postgres.mjs';
import { findOrStartRedis } from '../infra/redis.mjs';
import { ensureJwtKeys } from '../infra/keys.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (/** @type {string} */ msg) => process.stderr.write(`[test-infra] ${msg}\n`);

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const postgres = await findOrStartPostgres({ dataDir: join(root, '.dawg', 'test-postgres'), log });
  const redis = await findOrStartRedis({ log });

  const template = `dawg_tpl_${runId}`;
  const templateUrl = await ensureDatabase(postgres.adminUrl, template);
  const migrate = spawnSync(process.execPath, [join(root, 'services/libs/db/dist/migrate.js')], {
    env: { ...process.env, DATABASE_URL: templateUrl },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) {
    throw new Error(`migrating the template database failed (build first: npm run build):\n${migrate.stdout}${migrate.stderr}`);
  }

  const keys = await ensureJwtKeys(mkdtempSync(join(tmpdir(), 'dawg-test-keys-')));
  Object.assign(process.env, {
    DAWG_TEST_RUN_ID: runId,
    DAWG_TEST_ADMIN_URL: postgres.adminUrl,
    DAWG_TEST_TEMPLATE_DB: template,
    DAWG_TEST_REDIS_URL: redis.url,
    DAWG_TEST_JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    DAWG_TEST_JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
  });
  /** @type {any} */ (globalThis).__dawgTestInfra = { postgres, redis, runId, template };
}
