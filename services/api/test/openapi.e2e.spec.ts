import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { OpenApiService } from '../src/docs/docs.controller';
import { apiEnv, apiService } from '../src/definition';

type Operation = { responses: Record<string, unknown>; security: unknown[]; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

describe('OpenAPI document', () => {
  let db: TestDatabase;
  let service: RunningService;
  let doc: Document;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(apiService, loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
    const res = await fetch(`${service.url}/api/v1/docs.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
  });
  afterAll(async () => {
    await service?.shutdown();
    await db?.drop();
  });

  it('is a valid OpenAPI 3.1 document', () => {
    const validation = spawnSync(process.execPath, [join(__dirname, '../../../tools/validate-openapi.mjs')], { input: JSON.stringify(doc), encoding: 'utf8' });
    expect(validation.stderr).toBe('');
    expect(validation.status).toBe(0);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKeyAuth', 'bearerAuth']);
  });

  it('documents every route the running app serves, and no route it does not', () => {
    expect(service.app.get(OpenApiService).build().undocumented).toEqual([]);
    const served = service.runtime.routes
      .filter((r) => r.url !== '*' && !r.url.endsWith('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual([...new Set(served)]);
  });

  it('gives each operation its auth scheme, its errors in the shared body, and its validated inputs', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect({ where, has500: '500' in op.responses }).toEqual({ where, has500: true });
        if (op.security.length) expect({ where, has401: '401' in op.responses }).toEqual({ where, has401: true });
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const param = name.slice(1, -1);
          expect({ where, param, documented: op.parameters?.some((p) => p.in === 'path' && p.name === param) }).toEqual({ where, param, documented: true });
        }
      }
    }
    expect(doc.paths['/api/v1/projects/{id}']!.patch!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: expect.arrayContaining(['version']) } } },
    });
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/v1/projects']!.get!.security).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    expect(doc.paths['/api/v1/projects']!.post!.responses).toHaveProperty('402');
  });

  it('serves Swagger UI with its assets from our own origin', async () => {
    const page = await fetch(`${service.url}/api/v1/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toContain('/api/v1/docs/assets/init.js');
    for (const src of [...scripts, '/api/v1/docs/assets/swagger-ui.css']) {
      const asset = await fetch(`${service.url}${src}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    expect((await fetch(`${service.url}/api/v1/docs/assets/package.json`)).status).toBe(404);
  });
});
