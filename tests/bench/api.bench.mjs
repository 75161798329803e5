// @ts-check
/**
 * `npm run bench:api`: what the full api costs on its hottest reads. With
 * 1,000 projects seeded for one musician, drives GET /api/v1/projects/:id and
 * the first page of GET /api/v1/projects through the real api process (auth,
 * rate limiting in Redis, validation, logging, metrics, TypeORM's pool) and
 * through a bare node:http + pg handler running the very same SQL (imported
 * from the api's build) and answering the same JSON. Same autocannon settings,
 * one target at a time. Prints req/s, p50, p95, p99 and the ratio; a missed
 * target is reported, not fatal. BENCH_DURATION_S sets the measured seconds per run (default 10).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { benchSeconds, listenForBench, load, onCleanup, prepareEnvironment, root, row, runBench, say, startApi } from './bench-kit.mjs';

const TARGET_RATIO = 0.35;
const PROJECTS = 1_000;
const LOAD = { connections: 50, pipelining: 1 };

/** The api's own statements and row mapping, from its build. @type {{ projectForUserSql: Function, listProjectsSql: Function, toProject: Function }} */
const sql = createRequire(import.meta.url)(join(root, 'services/api/dist/projects/projects.sql.js'));
const FIRST_PAGE = { page: 1, pageSize: 20, sort: '-updatedAt', scope: 'all' };

/**
 * The baseline: node:http and a pg pool as large as the api's, the same SQL
 * and the same JSON, for one known user; no auth, limits, logs or framework.
 * @param {string} databaseUrl @param {string} userId
 */
function startBare(databaseUrl, userId) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer((req, res) => {
    const send = (/** @type {number} */ status, /** @type {unknown} */ value) => {
      const body = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    };
    const url = new URL(req.url ?? '/', 'http://bench');
    const byId = /^\/api\/v1\/projects\/([0-9a-f-]{36})$/.exec(url.pathname);
    /** @type {{ text: string, values: unknown[] } | undefined} */
    const statement = byId ? sql.projectForUserSql(byId[1], userId) : url.pathname === '/api/v1/projects' ? sql.listProjectsSql(userId, FIRST_PAGE) : undefined;
    if (!statement) return send(404, { error: 'not found' });
    pool.query(statement.text, statement.values).then(
      (result) => {
        const rows = /** @type {Array<Record<string, unknown>>} */ (result.rows);
        if (byId) return rows[0] ? send(200, sql.toProject(rows[0])) : send(404, { error: 'not found' });
        send(200, { items: rows.map((r) => sql.toProject(r)), page: 1, pageSize: FIRST_PAGE.pageSize, total: Number(rows[0]?.total ?? 0) });
      },
      (err) => send(500, { error: String(err) }),
    );
  });
  return listenForBench(server).then((u) => ({ url: u, close: () => pool.end() }));
}

await runBench(async () => {
  const durationS = benchSeconds();
  // The general limit (100 per 15 min) would answer 429 within a second of load.
  const { env, databaseUrl } = await prepareEnvironment({ RATE_LIMIT_GENERAL: '1000000000/900' });
  const api = await startApi(env);

  const session = /** @type {{ user: { id: string }, tokens: { accessToken: string } }} */ (await (await fetch(`${api.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery', displayName: 'Bench' }),
  })).json());
  const userId = session.user.id;
  const headers = { authorization: `Bearer ${session.tokens.accessToken}` };

  say(`seeding ${PROJECTS} projects ...`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows: seeded } = await db.query(
    `INSERT INTO projects (owner_id, name, bpm, key_tonic, key_scale, updated_at)
     SELECT $1, 'Project ' || i, 80 + i % 80, 'F', 'minor', now() - i * interval '1 minute' FROM generate_series(1, $2) AS i RETURNING id`,
    [userId, PROJECTS],
  );
  await db.query('ANALYZE projects');
  await db.end();
  const ids = seeded.map((r) => String(r.id));

  const bare = await startBare(databaseUrl, userId);
  onCleanup(bare.close);

  // Same answers from both, or the comparison means nothing.
  for (const path of [`/api/v1/projects/${ids[0]}`, '/api/v1/projects']) {
    const [a, b] = await Promise.all([api.url, bare.url].map(async (u) => JSON.stringify(await (await fetch(`${u}${path}`, { headers })).json())));
    if (a !== b) throw new Error(`${path}: bodies differ:\napi  ${a.slice(0, 300)}\nbare ${b.slice(0, 300)}`);
  }

  let next = 0;
  const scenarios = [
    { name: 'get-by-id', options: (/** @type {string} */ url) => ({ url, headers, requests: [{ setupRequest: (/** @type {any} */ r) => ({ ...r, path: `/api/v1/projects/${ids[next++ % ids.length]}` }) }] }) },
    { name: 'list-page-1', options: (/** @type {string} */ url) => ({ url: `${url}/api/v1/projects`, headers }) },
  ];
  /** @type {Record<string, unknown>} */
  const report = { durationS, ...LOAD, projects: PROJECTS };
  console.log(row(['scenario', 'target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms']));
  let allMet = true;
  for (const scenario of scenarios) {
    /** @type {Record<string, Awaited<ReturnType<typeof load>>>} */
    const figures = {};
    for (const [target, url] of /** @type {const} */ ([['bare', bare.url], ['api', api.url]])) {
      say(`${scenario.name} on ${target}: warm-up 2 s, then ${durationS} s at ${LOAD.connections} connections ...`);
      await load({ ...scenario.options(url), ...LOAD }, 2);
      figures[target] = await load({ ...scenario.options(url), ...LOAD }, durationS);
    }
    const ratio = figures.api.reqPerSec / figures.bare.reqPerSec;
    allMet &&= ratio >= TARGET_RATIO;
    for (const target of ['bare', 'api']) {
      const f = figures[target];
      console.log(row([scenario.name, target, f.reqPerSec.toFixed(0), String(f.p50Ms), String(f.p95Ms), String(f.p99Ms)]));
    }
    console.log(`${scenario.name}: ratio api/bare req/s ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'})`);
    report[scenario.name] = { ...figures, ratio };
  }
  console.log(JSON.stringify({ ...report, target: { ratioAtLeast: TARGET_RATIO, met: allMet } }));
});
