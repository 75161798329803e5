// @ts-check
/**
 * `npm run bench:platform`: what the platform costs per request. Drives GET /health
 * on the real api deployable (Nest, request ids, logging, metrics, lifecycle) and
 * on a bare node:http server giving the same JSON, with identical autocannon
 * settings, one after the other. Prints a table and a final JSON line. A missed
 * target is reported, not fatal; only real failures (startup, errors, non-2xx) exit 1.
 * BENCH_DURATION_S sets the measured seconds per target (default 10).
 */
import { createServer } from 'node:http';
import { benchSeconds, listenForBench, load, prepareEnvironment, row, runBench, say, startApi } from './bench-kit.mjs';

const TARGET_RATIO = 0.5;
const LOAD = { connections: 50, pipelining: 1 };

/** A node:http server answering GET /health with the api's JSON shape. */
function startBare() {
  const startedAt = Date.now();
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') return void res.writeHead(404).end();
    const uptime = Math.round((Date.now() - startedAt) / 10) / 100;
    const body = JSON.stringify({ status: 'ok', service: 'api', version: '0.1.0', uptime, checks: {} });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  return listenForBench(server);
}

await runBench(async () => {
  const durationS = benchSeconds();
  const { env } = await prepareEnvironment();
  const api = await startApi(env);
  const bare = await startBare();

  // Same body shape on both sides, or the comparison means nothing.
  const [a, b] = await Promise.all([api.url, bare].map(async (u) => /** @type {Record<string, unknown>} */ (await (await fetch(`${u}/health`)).json())));
  const shape = (/** @type {Record<string, unknown>} */ o) => JSON.stringify({ ...o, uptime: typeof o.uptime });
  if (shape(a) !== shape(b)) throw new Error(`/health bodies differ: api ${JSON.stringify(a)} vs bare ${JSON.stringify(b)}`);

  // Strictly one target at a time: a 2 s warm-up (JIT, connection setup), then the measured run.
  const bench = async (/** @type {string} */ name, /** @type {string} */ url) => {
    say(`${name}: warm-up 2 s, then ${durationS} s at ${LOAD.connections} connections ...`);
    await load({ url: `${url}/health`, ...LOAD }, 2);
    const linesBefore = api.logged.lines;
    const result = await load({ url: `${url}/health`, ...LOAD }, durationS);
    if (api.logged.lines > linesBefore) say(`note: the api wrote ${api.logged.lines - linesBefore} log lines during the ${name} run`);
    return result;
  };
  const bareF = await bench('bare', bare);
  const apiF = await bench('api', api.url);
  const ratio = apiF.reqPerSec / bareF.reqPerSec;
  const p99Ratio = apiF.p99Ms / bareF.p99Ms;
  console.log(row(['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors']));
  for (const [name, f] of /** @type {const} */ ([['bare', bareF], ['api', apiF]])) {
    console.log(row([name, f.reqPerSec.toFixed(0), String(f.p50Ms), String(f.p99Ms), String(f.non2xx), String(f.errors)]));
  }
  const met = ratio >= TARGET_RATIO;
  console.log(`ratio api/bare req/s ${ratio.toFixed(3)}, p99 ratio ${p99Ratio.toFixed(2)}; target ratio >= ${TARGET_RATIO}: ${met ? 'MET' : 'NOT MET'}`);
  console.log(JSON.stringify({ durationS, ...LOAD, bare: bareF, api: apiF, ratio, p99Ratio, target: { ratioAtLeast: TARGET_RATIO, met } }));
});
