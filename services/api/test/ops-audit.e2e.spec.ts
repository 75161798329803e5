import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { auditLogPageSchema, type AuditLogPage, createdApiKeySchema } from '@dawg/contracts';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, REPO_ROOT, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { apiEnv, apiService } from '../src/definition';
import { ApiClient } from './support/api-client';

const CLI = join(REPO_ROOT, 'services/api/dist/admin-cli.js');

/** The built admin CLI, as an operator runs it (`npm run admin -- ...` runs exactly this). */
function adminCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = { PATH: process.env.PATH, ...env };
    execFile(process.execPath, [CLI, ...args], { env: clean as NodeJS.ProcessEnv, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The audit log search (`GET /ops/audit`) against the real Postgres, and the
 * admin CLI that makes (and unmakes) an admin on a self-hosted install.
 */
describe('audit log search and the admin CLI', () => {
  let db: TestDatabase;
  let api: RunningService;
  let client: ApiClient;
  let pg: Client;
  let admin: { id: string; token: string };
  let musician: { id: string; token: string };

  const search = async (query: string, token = admin.token): Promise<AuditLogPage> => {
    const res = await client.call('GET', `/ops/audit${query}`, undefined, token);
    expect([query, res.status]).toEqual([query, 200]);
    return auditLogPageSchema.parse(res.body);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const env = loadConfig(apiEnv, { ...testServiceEnv(db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH: '1000/900', RATE_LIMIT_GENERAL: '10000/900' });
    api = await startService(apiService, env);
    client = new ApiClient(api.url);
    const adminSession = await client.register('root@example.com', 'Root');
    const granted = await adminCli(['grant', 'ROOT@example.com'], { DATABASE_URL: db.url });
    expect(granted).toMatchObject({ code: 0, stdout: expect.stringContaining('root@example.com is now an admin') });
    admin = { id: adminSession.user.id, token: (await client.login('root@example.com')).tokens.accessToken };
    const musicianSession = await client.register('musician@example.com', 'Mia');
    musician = { id: musicianSession.user.id, token: musicianSession.tokens.accessToken };
  });
  afterAll(async () => {
    await api?.shutdown();
    await pg?.end();
    await db?.drop();
  });

  it('refuses anonymous callers with 401, non-admins with 403, and API keys without ops:read', async () => {
    expect((await client.call('GET', '/ops/audit')).status).toBe(401);
    const refused = await client.call('GET', '/ops/audit', undefined, musician.token);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'FORBIDDEN']);

    const opsKey = createdApiKeySchema.parse((await client.call('POST', '/api-keys', { name: 'dashboards', scopes: ['ops:read'] }, admin.token)).body);
    expect((await client.call('GET', '/ops/audit', undefined, { apiKey: opsKey.secret })).status).toBe(200);
    const projectsKey = createdApiKeySchema.parse((await client.call('POST', '/api-keys', { name: 'sync', scopes: ['projects:read'] }, admin.token)).body);
    expect((await client.call('GET', '/ops/audit', undefined, { apiKey: projectsKey.secret })).status).toBe(403);
  });

  it('records the CLI grant and finds events by action, action prefix, actor id or email, and text', async () => {
    const granted = await search('?action=admin.granted');
    expect(granted.items).toEqual([
      expect.objectContaining({ action: 'admin.granted', actor: null, details: { userId: admin.id, email: 'root@example.com', via: 'cli' } }),
    ]);

    await client.call('POST', '/auth/login', { email: 'musician@example.com', password: 'wrong password entirely' });
    const auth = await search('?action=auth.*&pageSize=100');
    expect(auth.items.length).toBeGreaterThan(0);
    expect(auth.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect(auth.items.map((e) => e.action)).toContain('auth.login.failed');

    const byId = await search(`?actor=${musician.id}`);
    const byEmail = await search('?actor=MUSICIAN@example.com');
    expect(byId.items.length).toBeGreaterThan(0);
    expect(byEmail.items.map((e) => e.id)).toEqual(byId.items.map((e) => e.id));
    expect(byId.items.every((e) => e.actor?.id === musician.id && e.actor.email === 'musician@example.com' && e.actor.displayName === 'Mia')).toBe(true);

    // Text finds the target inside the details: the failed sign-in names the email it tried.
    const text = await search('?q=musician@example&action=auth.login.failed');
    expect(text.items).toHaveLength(1);
    expect(text.items[0]!.details).toEqual({ email: 'musician@example.com' });
  });

  it('bounds by time and pages newest first with a total', async () => {
    await pg.query(
      `INSERT INTO audit_events (action, actor_id, occurred_at, details)
       SELECT 'test.backfill', $1, timestamptz '2025-03-01T00:00:00Z' + (n || ' hours')::interval, jsonb_build_object('n', n)
       FROM generate_series(0, 11) AS n`,
      [musician.id],
    );
    const window = await search(`?action=test.backfill&from=${encodeURIComponent('2025-03-01T02:00:00Z')}&to=${encodeURIComponent('2025-03-01T07:00:00+00:00')}`);
    expect(window.total).toBe(5);
    expect(window.items.map((e) => e.details.n)).toEqual([6, 5, 4, 3, 2]);

    const first = await search('?action=test.backfill&pageSize=5');
    const third = await search('?action=test.backfill&pageSize=5&page=3');
    expect([first.total, first.page, first.pageSize]).toEqual([12, 1, 5]);
    expect(first.items.map((e) => e.details.n)).toEqual([11, 10, 9, 8, 7]);
    expect(third.items.map((e) => e.details.n)).toEqual([1, 0]);
    expect((await search('?action=test.backfill&page=9')).items).toEqual([]);
  });

  it('takes LIKE wildcards in the text literally', async () => {
    await pg.query(`INSERT INTO audit_events (action, details) VALUES ('test.literal', '{"note": "100% sure"}'), ('test.literal', '{"note": "100 percent"}')`);
    const percent = await search('?action=test.*&q=100%25');
    expect(percent.items.map((e) => e.details.note)).toEqual(['100% sure']);
    expect((await search('?q=_')).items.every((e) => JSON.stringify(e.details).includes('_') || e.action.includes('_') || (e.requestId ?? '').includes('_'))).toBe(true);
  });

  it('answers 400 VALIDATION_FAILED naming the field for each bad filter', async () => {
    const bad: Array<[string, string]> = [
      ['?action=DROP%20TABLE', 'action'],
      ['?action=auth.*.x', 'action'],
      ['?actor=nobody', 'actor'],
      ['?from=yesterday', 'from'],
      ['?to=2025-13-01T00:00:00Z', 'to'],
      [`?from=${encodeURIComponent('2025-03-02T00:00:00Z')}&to=${encodeURIComponent('2025-03-01T00:00:00Z')}`, 'to'],
      ['?q=', 'q'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?page=0', 'page'],
      ['?pageSize=101', 'pageSize'],
      ['?target=x', ''],
    ];
    for (const [query, field] of bad) {
      const res = await client.call('GET', `/ops/audit${query}`, undefined, admin.token);
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      const paths = (res.body.error!.details!.issues as Array<{ path: string }>).map((i) => i.path);
      expect([query, paths]).toEqual([query, [field]]);
    }
  });

  it('revokes admin with the CLI: the next session is refused, and the CLI explains its mistakes', async () => {
    await client.register('second@example.com', 'Second');
    expect(await adminCli(['grant', 'second@example.com'], { DATABASE_URL: db.url })).toMatchObject({ code: 0 });
    expect(await adminCli(['grant', 'second@example.com'], { DATABASE_URL: db.url })).toMatchObject({ code: 0, stdout: expect.stringContaining('already an admin') });
    const listed = await adminCli(['list'], { DATABASE_URL: db.url });
    expect(listed.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['root@example.com', 'second@example.com']);
    const asAdmin = (await client.login('second@example.com')).tokens.accessToken;
    expect((await client.call('GET', '/ops/audit', undefined, asAdmin)).status).toBe(200);

    expect(await adminCli(['revoke', 'second@example.com'], { DATABASE_URL: db.url })).toMatchObject({ code: 0, stdout: expect.stringContaining('no longer an admin') });
    const after = (await client.login('second@example.com')).tokens.accessToken;
    expect((await client.call('GET', '/ops/audit', undefined, after)).status).toBe(403);
    const { rows } = await pg.query<{ roles: string[] }>(`SELECT roles FROM users WHERE email = 'second@example.com'`);
    expect(rows[0]!.roles).toEqual(['user']);
    expect((await search('?action=admin.*&q=second@example.com')).items.map((e) => e.action)).toEqual(['admin.revoked', 'admin.granted']);

    expect(await adminCli(['grant', 'ghost@example.com'], { DATABASE_URL: db.url })).toMatchObject({ code: 1, stderr: expect.stringContaining('no account with the email ghost@example.com') });
    expect(await adminCli(['promote', 'root@example.com'], { DATABASE_URL: db.url })).toMatchObject({ code: 64, stderr: expect.stringContaining('usage: npm run admin') });
    expect(await adminCli(['grant'], { DATABASE_URL: db.url })).toMatchObject({ code: 64 });
    expect(await adminCli(['grant', 'root@example.com'], {})).toMatchObject({ code: 78, stderr: expect.stringContaining('DATABASE_URL') });
  });
});
