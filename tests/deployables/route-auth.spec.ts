import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

/**
 * Routes reachable without credentials, each with the reason. Any other
 * route, in any service, must answer 401 to an anonymous caller.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  'OPTIONS *': 'CORS preflight: browsers send it without credentials; it grants only CORS_ORIGINS',
  'GET /health': 'liveness probe',
  'GET /ready': 'readiness probe',
  'GET /metrics': 'Prometheus scrape, restricted by NetworkPolicy',
  'POST /api/v1/auth/register': 'creates the credentials',
  'POST /api/v1/auth/login': 'exchanges a password for a session',
  'POST /api/v1/auth/refresh': 'the refresh token is the credential',
  'POST /api/v1/auth/logout': 'the refresh token is the credential',
  'GET /api/v1/docs': 'the API reference page: describes routes, holds no data',
  'GET /api/v1/docs/assets/:file': 'static files of the API reference page',
  'GET /api/v1/docs.json': 'the OpenAPI document: describes routes, holds no data',
  'PUT /api/v1/storage/objects': 'fs storage driver: the signed, expiring token in the URL is the credential (a presigned upload)',
  'GET /api/v1/storage/objects': 'fs storage driver: the signed, expiring token in the URL is the credential (a presigned download)',
  'POST /api/v1/billing/webhook': 'Stripe calls it; the Stripe-Signature over the raw body is the credential (404 when billing is off)',
  'GET /*': 'unified only: the web studio (index.html and its static bundles), which signs in from the browser; /api, probe and Socket.IO paths are never answered here',
};

describe('authentication on every route of every service (unified composes them all)', () => {
  let db: TestDatabase;
  let service: RunningService;
  let storageRoot: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The fs storage driver (the local default) mounts routes of its own; they are checked too.
    storageRoot = mkdtempSync(join(tmpdir(), 'dawg-route-auth-'));
    service = await startService(
      unifiedService,
      loadConfig(unifiedEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: storageRoot }),
    );
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
    rmSync(storageRoot, { recursive: true, force: true });
  });

  it('lists every route, and the public list names only routes that exist', () => {
    const routes = service.runtime.routes.map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(Object.keys(PUBLIC_ROUTES).length);
    for (const route of Object.keys(PUBLIC_ROUTES)) expect(routes).toContain(route);
  });

  it('answers 401 without credentials on every route not on the public list', async () => {
    const guarded = service.runtime.routes.filter((r) => !PUBLIC_ROUTES[`${r.method} ${r.url}`]);
    const statuses: Record<string, number> = {};
    for (const route of guarded) {
      const url = route.url.replace(/:\w+/g, randomUUID());
      const res = await fetch(`${service.url}${url}`, {
        method: route.method,
        headers: route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' },
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
      });
      statuses[`${route.method} ${route.url}`] = res.status;
    }
    expect(Object.values(statuses).length).toBeGreaterThan(0);
    expect(Object.entries(statuses).filter(([, status]) => status !== 401)).toEqual([]);
  });
});
