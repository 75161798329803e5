import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, REPO_ROOT, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

const GENERATED = join(REPO_ROOT, 'web/src/api/schema.d.ts');
const GENERATOR = join(REPO_ROOT, 'web/scripts/generate-api-types.mjs');

/**
 * The web studio's typed api client is generated from the OpenAPI document
 * the running platform serves (unified as `npm start` runs it: every
 * service's routes, the fs storage driver's included). A contract change
 * changes the document; this test then fails until the types are
 * regenerated (`UPDATE_GOLDEN=1 npx jest tests/web/api-types`), and the
 * regenerated types make the studio's build fail wherever it no longer fits.
 */
describe('the web studio’s generated api types', () => {
  let db: TestDatabase;
  let storage: string;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = mkdtempSync(join(tmpdir(), 'dawg-api-types-'));
    service = await startService(
      unifiedService,
      loadConfig(unifiedEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: storage }),
    );
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('match the OpenAPI document the platform serves', async () => {
    const res = await fetch(`${service.url}/api/v1/docs.json`);
    expect(res.status).toBe(200);
    const generated = spawnSync(process.execPath, [GENERATOR, '-', '--stdout'], { input: await res.text(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GENERATED, generated.stdout);
    // Compared line by line, so a failure names the paths and fields that changed.
    expect(readFileSync(GENERATED, 'utf8').split('\n')).toEqual(generated.stdout.split('\n'));
  });
});
