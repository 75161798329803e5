/**
 * `npm run load:local`: the k6 scenarios of load-tests/, run on this machine
 * without k6. Boots the stack the benchmarks boot (tests/bench/bench-kit.mjs:
 * real PostgreSQL and Redis, a migrated database of its own, the built api
 * and a generation worker as real processes), then runs the requests,
 * bodies, load and thresholds of load-tests/scenarios.json:
 *
 * - rest: autocannon, one connection per k6 VU, each paced like a VU
 *   (the scenario's requests per think time), chaining the created project's
 *   id from one request into the next;
 * - websocket: socket.io-client, one client per VU: connect with the token,
 *   subscribe:project (acked), PATCH the project, wait for project:updated;
 * - generation: one loop per VU: POST a beat, poll its status until final.
 *
 * Prints p50/p95/p99 and the failure and check rates per scenario, then
 * each k6 threshold and whether it holds; exits 1 when one does not (as k6
 * fails a run). LOAD_DURATION_S shortens every scenario (default: the k6
 * duration of each). The api's rate limits and per-IP socket limit are raised
 * for the run, as load-tests/README.md asks of an environment k6 targets.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { onCleanup, prepareEnvironment, root, row, runBench, say, startApi, startDeployable } from '../tests/bench/bench-kit.mjs';
import { capture, durationSeconds, evaluateThreshold, fill, percentile } from './lib/plan.js';

/** autocannon ships no types; it comes in through require(), as in bench-kit. */
const autocannon = createRequire(import.meta.url)('autocannon');

/** The scenarios, the one file the k6 scripts open() too. */
async function loadPlan() {
  return JSON.parse(await readFile(join(root, 'load-tests', 'scenarios.json'), 'utf8'));
}

/** What one scenario measured, in k6's terms. */
class Measures {
  constructor(name) {
    this.name = name;
    /** http_req_duration, ms */
    this.durations = [];
    /** http_req_failed: responses outside 200-399, and requests that got no response */
    this.failed = { passes: 0, total: 0 };
    this.checks = { passes: 0, total: 0 };
    /** the scenario's own trend (socketio_update_ms, generation_job_ms) */
    this.extra = { name: '', values: [] };
  }
  response(status, ms) {
    this.durations.push(ms);
    this.failed.total += 1;
    if (!(status >= 200 && status < 400)) this.failed.passes += 1;
  }
  noResponse() {
    this.failed.total += 1;
    this.failed.passes += 1;
  }
  check(ok) {
    this.checks.total += 1;
    if (ok) this.checks.passes += 1;
    return ok;
  }
  /** k6 metric objects for evaluateThreshold. */
  metrics() {
    return { http_req_duration: { values: this.durations }, http_req_failed: this.failed, checks: this.checks };
  }
}

/** One request of a scenario with fetch: timed, checked, captured. */
async function send(baseUrl, request, vars, token, measures) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(fill(request.body, vars));
  }
  const started = performance.now();
  let res;
  let text;
  try {
    res = await fetch(`${baseUrl}${fill(request.path, vars)}`, { method: request.method, headers, body });
    text = await res.text();
  } catch (err) {
    measures?.noResponse();
    measures?.check(false);
    say(`${request.name}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  measures?.response(res.status, performance.now() - started);
  const ok = res.status === request.expect;
  measures?.check(ok);
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  if (ok) capture(request, json, vars);
  else if (!measures) throw new Error(`${request.name}: ${res.status} ${text.slice(0, 300)}`);
  return json;
}

/** Registers the run's user, as the k6 scripts' setup() does. */
async function session(plan, baseUrl) {
  const random = `${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const vars = { email: `load-${random}@example.com`, password: fill(plan.auth.passwordForNewUsers, { random }) };
  const json = await send(baseUrl, plan.auth.register, vars, null, undefined);
  return String(json.tokens.accessToken);
}

/** REST: autocannon connections paced like k6 VUs, the created project's id carried per connection. */
async function rest(plan, baseUrl, token, seconds) {
  const scenario = plan.scenarios.rest;
  const measures = new Measures('rest');
  let vus = 0;
  const run = autocannon({
    url: baseUrl,
    connections: scenario.load.vus,
    duration: seconds,
    // A VU sends its requests, then thinks: the same requests per second per connection.
    connectionRate: scenario.requests.length / scenario.load.thinkSeconds,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    requests: scenario.requests.map((request, index) => ({
      method: request.method,
      setupRequest: (req, context) => {
        context.vu ??= ++vus;
        if (index === 0) context.iteration = (context.iteration ?? -1) + 1;
        const out = { ...req, method: request.method, path: fill(request.path, context) };
        if (request.body !== undefined) {
          out.body = JSON.stringify(fill(request.body, context));
          out.headers = { ...req.headers, 'content-type': 'application/json' };
        }
        return out;
      },
      onResponse: (status, body, context) => {
        const ok = measures.check(status === request.expect);
        if (!ok || !request.capture) return;
        try {
          capture(request, JSON.parse(body), context);
        } catch {
          // not JSON: nothing to capture; the next request's check says so
        }
      },
    })),
  });
  run.on('response', (_client, status, _bytes, ms) => measures.response(status, ms));
  const result = await run;
  for (let i = 0; i < result.errors; i++) measures.noResponse();
  return measures;
}

/** WebSocket: one socket.io client per VU, each round connect → subscribe → change → project:updated. */
async function websocket(plan, baseUrl, token, seconds) {
  const scenario = plan.scenarios.websocket;
  const measures = new Measures('websocket');
  measures.extra.name = 'socketio_update_ms';
  const deadline = Date.now() + seconds * 1000;

  const vu = async (n) => {
    const vars = { vu: n };
    await send(baseUrl, scenario.createProject, vars, token, measures);
    if (!vars.projectId) return;
    while (Date.now() < deadline) {
      await round(vars);
      await sleep(scenario.load.thinkSeconds * 1000);
    }
  };
  const round = async (vars) => {
    const socket = io(baseUrl, { path: scenario.socketPath, transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: scenario.eventTimeoutMs });
    try {
      const connected = await new Promise((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', (err) => {
          say(`socket of VU ${vars.vu}: connect_error ${err.message}`);
          resolve(false);
        });
      });
      if (!measures.check(connected)) return;
      const ack = await socket
        .timeout(scenario.eventTimeoutMs)
        .emitWithAck(scenario.subscribe.event, fill(scenario.subscribe.payload, vars))
        .catch(() => undefined);
      if (!measures.check(Boolean(ack?.ok))) return;
      const updated = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), scenario.eventTimeoutMs);
        socket.on(scenario.expectEvent, (event) => {
          if (event?.projectId !== vars.projectId) return;
          clearTimeout(timer);
          resolve(performance.now());
        });
      });
      vars.bpm = 90 + Math.floor(Math.random() * 60);
      const changedAt = performance.now();
      await send(baseUrl, scenario.change, vars, token, measures);
      const receivedAt = await updated;
      if (measures.check(receivedAt !== undefined)) measures.extra.values.push(receivedAt - changedAt);
    } finally {
      socket.disconnect();
    }
  };
  await Promise.all(Array.from({ length: scenario.load.vus }, (_, i) => vu(i + 1)));
  return measures;
}

/** Generation: per VU, POST a beat and poll its status until final; it must have succeeded. */
async function generation(plan, baseUrl, token, seconds) {
  const scenario = plan.scenarios.generation;
  const measures = new Measures('generation');
  measures.extra.name = 'generation_job_ms';
  const deadline = Date.now() + seconds * 1000;
  const vu = async (n) => {
    for (let iteration = 0; Date.now() < deadline; iteration++) {
      const vars = { seed: n * 100_000 + iteration };
      const started = performance.now();
      await send(baseUrl, scenario.submit, vars, token, measures);
      if (!vars.jobId) continue;
      const jobDeadline = Date.now() + scenario.jobTimeoutSeconds * 1000;
      do {
        await sleep(scenario.pollSeconds * 1000);
        await send(baseUrl, scenario.status, vars, token, measures);
      } while (!scenario.finalStates.includes(vars.state) && Date.now() < jobDeadline);
      if (measures.check(vars.state === scenario.succeededState)) measures.extra.values.push(performance.now() - started);
      await sleep(scenario.load.thinkSeconds * 1000);
    }
  };
  await Promise.all(Array.from({ length: scenario.load.vus }, (_, i) => vu(i + 1)));
  return measures;
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const pct = (m) => (m.total ? `${((100 * m.passes) / m.total).toFixed(2)}%` : '-');

/** Prints one scenario's figures and thresholds; returns whether every threshold held. */
function report(plan, measures) {
  const sorted = [...measures.durations].sort((a, b) => a - b);
  const extra = [...measures.extra.values].sort((a, b) => a - b);
  console.log(
    row([measures.name, String(sorted.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)), pct(measures.failed), pct(measures.checks)]),
  );
  if (measures.extra.name) console.log(`  ${measures.extra.name}: n=${extra.length} p50 ${ms(percentile(extra, 50))} p95 ${ms(percentile(extra, 95))} p99 ${ms(percentile(extra, 99))}`);
  const metrics = measures.metrics();
  let held = true;
  const verdicts = {};
  for (const [metric, expressions] of Object.entries(plan.thresholds)) {
    for (const expression of expressions) {
      const verdict = evaluateThreshold(expression, metrics[metric]);
      held &&= verdict.ok;
      verdicts[`${metric} ${expression}`] = verdict;
      console.log(`  ${verdict.ok ? 'ok  ' : 'FAIL'} ${metric} ${expression} (${metric === 'http_req_duration' ? `${ms(verdict.value)} ms` : verdict.value.toFixed(4)})`);
    }
  }
  return {
    held,
    json: {
      requests: sorted.length,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      failedRate: measures.failed.total ? measures.failed.passes / measures.failed.total : 0,
      checksRate: measures.checks.total ? measures.checks.passes / measures.checks.total : 0,
      ...(measures.extra.name ? { [measures.extra.name]: { n: extra.length, p50: percentile(extra, 50), p95: percentile(extra, 95), p99: percentile(extra, 99) } } : {}),
      thresholds: verdicts,
    },
  };
}

await runBench(async () => {
  const plan = await loadPlan();
  const override = process.env.LOAD_DURATION_S === undefined ? undefined : Number(process.env.LOAD_DURATION_S);
  if (override !== undefined && !(Number.isFinite(override) && override > 0)) throw new Error(`LOAD_DURATION_S must be a positive number, not ${process.env.LOAD_DURATION_S}`);
  const seconds = (name) => override ?? durationSeconds(plan.scenarios[name].load.duration);

  const storageRoot = await mkdtemp(join(tmpdir(), 'dawg-load-storage-'));
  onCleanup(() => rm(storageRoot, { recursive: true, force: true }));
  const { env } = await prepareEnvironment({
    // The limits protect a real installation; under load they would answer 429 by design.
    RATE_LIMIT_GENERAL: '1000000000/900',
    RATE_LIMIT_GENERATION: '1000000000/3600',
    RATE_LIMIT_AUTH: '1000000/900',
    WS_MAX_CONNECTIONS_PER_IP: '1000',
    STORAGE_DRIVER: 'fs',
    STORAGE_FS_ROOT: storageRoot,
    STORAGE_SIGNING_SECRET: 'load-test-signing-secret-load-test-signing',
  });
  const api = await startApi(env);
  await startDeployable('generation', env);
  say(`api at ${api.url}, one generation worker`);
  const token = await session(plan, api.url);

  const runs = [
    ['rest', rest],
    ['websocket', websocket],
    ['generation', generation],
  ];
  const results = [];
  for (const [name, scenario] of runs) {
    say(`${name}: ${plan.scenarios[name].load.vus} VUs for ${seconds(name)} s ...`);
    results.push(await scenario(plan, api.url, token, seconds(name)));
  }

  console.log(row(['scenario', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'failed', 'checks']));
  const summary = {};
  let allHeld = true;
  for (const measures of results) {
    const { held, json } = report(plan, measures);
    allHeld &&= held;
    summary[measures.name] = json;
  }
  console.log(JSON.stringify({ thresholdsHeld: allHeld, scenarios: summary }));
  if (!allHeld) throw new Error('k6 thresholds not met (see FAIL above)');
});
