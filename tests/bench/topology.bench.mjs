// @ts-check
/**
 * `npm run bench:topology`: what adding api replicas behind the reverse proxy
 * buys. Real nginx configured from the chart's routes (tools/proxy-routes.mjs)
 * in front of 1, then 2 api replicas (BENCH_REPLICAS=1,2,4 for more on a larger
 * machine), sharing Postgres and Redis; autocannon drives an authenticated
 * `GET /api/v1/projects` (the first page of 100 seeded projects) through the
 * proxy. Also one replica without the proxy, for what the proxy costs. Prints
 * req/s, p50, p95 and p99 per run and the req/s ratio of each count to one
 * replica; no thresholds (the figures depend on the cores there are to use).
 * BENCH_DURATION_S sets the measured seconds per run (default 10),
 * BENCH_CONNECTIONS the autocannon connections (default 50),
 * BENCH_PROXY_WORKERS nginx's worker_processes (default 1).
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { ingressSpec, readValues, startNginx } from '../../tools/proxy-routes.mjs';
import { benchSeconds, load, onCleanup, prepareEnvironment, row, runBench, say, startApi } from './bench-kit.mjs';

const PROJECTS = 100;

/** @returns {number[]} */
function replicaCounts() {
  const counts = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map((s) => Number(s.trim()));
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_REPLICAS must list replica counts, e.g. 1,2,4, not ${process.env.BENCH_REPLICAS}`);
  return counts;
}

await runBench(async () => {
  const counts = replicaCounts();
  const durationS = benchSeconds();
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const workers = process.env.BENCH_PROXY_WORKERS === 'auto' ? 'auto' : Number(process.env.BENCH_PROXY_WORKERS ?? 1);
  const ingress = ingressSpec(readValues());

  // The general limit (100 per 15 min) would answer 429 within a second of load.
  const { env, databaseUrl } = await prepareEnvironment({ RATE_LIMIT_GENERAL: '1000000000/900' });
  const most = Math.max(...counts);
  say(`starting ${most} api replica(s) ...`);
  const replicas = await Promise.all(Array.from({ length: most }, () => startApi(env)));
  const addresses = replicas.map((r) => new URL(r.url).host);

  const res = await fetch(`${replicas[0]?.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery', displayName: 'Bench' }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const session = /** @type {{ user: { id: string }, tokens: { accessToken: string } }} */ (await res.json());
  const headers = { authorization: `Bearer ${session.tokens.accessToken}` };
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO projects (owner_id, name, bpm, key_tonic, key_scale, updated_at)
     SELECT $1, 'Project ' || i, 80 + i % 80, 'F', 'minor', now() - i * interval '1 minute' FROM generate_series(1, $2) AS i`,
    [session.user.id, PROJECTS],
  );
  await db.query('ANALYZE projects');
  await db.end();

  /** @param {string} url */
  const measure = async (url) => {
    const options = { url: `${url}/api/v1/projects`, headers, connections, pipelining: 1 };
    await load(options, 2);
    return load(options, durationS);
  };

  say(`direct to one replica: warm-up 2 s, then ${durationS} s at ${connections} connections ...`);
  const direct = await measure(replicas[0]?.url ?? '');
  /** @type {Array<{ replicas: number } & Awaited<ReturnType<typeof load>>>} */
  const runs = [];
  for (const count of counts) {
    const proxy = await startNginx({ ingress, upstreams: { api: addresses.slice(0, count) }, workerProcesses: workers });
    onCleanup(proxy.stop);
    // Every replica answers through the proxy before it is measured.
    for (let i = 0; i < count * 2; i++) {
      const probe = await fetch(`${proxy.url}/api/v1/projects`, { headers });
      if (probe.status !== 200) throw new Error(`through the proxy: ${probe.status} ${await probe.text()}`);
    }
    say(`proxy -> ${count} replica(s): warm-up 2 s, then ${durationS} s at ${connections} connections ...`);
    runs.push({ replicas: count, ...(await measure(proxy.url)) });
    await proxy.stop();
  }

  const base = runs.find((r) => r.replicas === 1) ?? runs[0];
  console.log(`GET /api/v1/projects (page 1 of ${PROJECTS}), ${connections} connections, ${durationS} s per run, ${availableParallelism()} CPUs, nginx worker_processes ${workers}`);
  console.log(row(['target', 'replicas', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'x 1 replica']));
  const ms = (/** @type {number} */ v) => v.toFixed(1);
  console.log(row(['direct', '1', direct.reqPerSec.toFixed(0), ms(direct.p50Ms), ms(direct.p95Ms), ms(direct.p99Ms), '']));
  for (const r of runs) {
    console.log(row(['proxy', String(r.replicas), r.reqPerSec.toFixed(0), ms(r.p50Ms), ms(r.p95Ms), ms(r.p99Ms), base ? (r.reqPerSec / base.reqPerSec).toFixed(2) : '']));
  }
  if (availableParallelism() < most + 3) {
    console.log(`note: the replicas, nginx, Postgres, Redis and autocannon share ${availableParallelism()} CPUs here, so more replicas cannot add throughput; run it where there are cores to spare`);
  }
  console.log(
    JSON.stringify({
      bench: 'topology',
      durationS,
      connections,
      cpus: availableParallelism(),
      proxyWorkers: workers,
      direct,
      proxy: runs.map((r) => ({ ...r, ratioToOne: base ? r.reqPerSec / base.reqPerSec : null })),
    }),
  );
});
