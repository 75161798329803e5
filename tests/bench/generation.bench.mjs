// @ts-check
/**
 * `npm run bench:generation`: the figures of the generation path.
 * 1. Render 8 bars at 140 BPM (drums, bass, chords, lead), stereo 44.1 kHz, full
 *    mix and master, in this process: real-time factor = audio seconds per CPU
 *    second (target at least 50x).
 * 2. Queue throughput: the same batch of beat jobs through the real api and 1,
 *    then 2, generation worker processes (concurrency 1 each): jobs/s and the ratio.
 * 3. Socket.IO fan-out: 1,000 clients over 2 api replicas vs plain Socket.IO servers
 *    with the same Redis adapter (tests/bench/realtime-fanout.mjs): p99 ratio (target at most 1.3).
 * A missed target is reported, not fatal. BENCH_JOBS sets the batch size (default 12),
 * BENCH_WS_CLIENTS / BENCH_WS_MESSAGES the fan-out size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup, prepareEnvironment, root, row, runBench, say, startApi, startDeployable } from './bench-kit.mjs';
import { fanoutBench, printFanout } from './realtime-fanout.mjs';

const TARGET_RTF = 50;
const require = createRequire(import.meta.url);

/** Renders, mixes and masters one song several times; the median real-time factor by CPU time. */
function renderBench() {
  const music = require(join(root, 'services/libs/music/dist/index.js'));
  const song = music.generateArrangement({ genre: 'trap', bpm: 140, bars: 8, key: 'F', scale: 'minor', seed: 7, structure: ['chorus'] });
  const once = () => {
    const before = process.cpuUsage();
    const result = music.renderAndMaster(song, { sampleRate: 44100 });
    const cpu = process.cpuUsage(before);
    return { result, factor: result.durationSeconds / ((cpu.user + cpu.system) / 1e6) };
  };
  // The first renders pay for V8 compiling the voices and kernels; a worker renders many songs,
  // so the figure is the median once warm, with the cold first render reported beside it.
  const cold = once().factor;
  for (let i = 0; i < 3; i++) once();
  const runs = Array.from({ length: 7 }, once);
  const factors = runs.map((r) => r.factor).sort((a, b) => a - b);
  const last = runs[runs.length - 1].result;
  const rtf = factors[Math.floor(factors.length / 2)] ?? 0;
  return { bars: 8, bpm: 140, tracks: song.tracks.map((/** @type {{ name: string }} */ t) => t.name), audioSeconds: last.durationSeconds, realTimeFactor: rtf, coldRealTimeFactor: cold, outputLufs: last.master.outputLufs, truePeakDbtp: last.master.truePeakDbtp };
}

/** The same batch of jobs through the api and `workers` generation processes; jobs per second from first request to last completion. @param {number} workers @param {number} jobs */
async function queueBench(workers, jobs) {
  const storageRoot = await mkdtemp(join(tmpdir(), 'dawg-bench-storage-'));
  onCleanup(() => rm(storageRoot, { recursive: true, force: true }));
  const { env } = await prepareEnvironment({
    RATE_LIMIT_GENERAL: '1000000000/900',
    RATE_LIMIT_GENERATION: '1000000000/3600',
    STORAGE_DRIVER: 'fs',
    STORAGE_FS_ROOT: storageRoot,
    STORAGE_SIGNING_SECRET: 'bench-signing-secret-bench-signing-secret',
    GENERATION_CONCURRENCY: '1',
  });
  const api = await startApi(env);
  await Promise.all(Array.from({ length: workers }, () => startDeployable('generation', env)));
  const call = async (/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body, /** @type {string} */ token = '') => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return /** @type {Record<string, any>} */ (await res.json());
  };
  const session = await call('POST', '/auth/register', { email: 'queue@example.com', password: 'correct horse battery', displayName: 'Queue' });
  const token = String(session.tokens.accessToken);

  say(`queue: ${jobs} beat jobs over ${workers} worker(s) ...`);
  const started = performance.now();
  const ids = [];
  for (let i = 0; i < jobs; i++) ids.push(String((await call('POST', '/generate/beat', { genre: 'house', bpm: 124, bars: 8, seed: i + 1 }, token)).jobId));
  const pending = new Set(ids);
  let failed = 0;
  while (pending.size) {
    for (const id of [...pending]) {
      const status = await call('GET', `/generate/status/${id}`, undefined, token);
      if (status.state === 'succeeded' || status.state === 'failed') {
        pending.delete(id);
        if (status.state === 'failed') failed++;
      }
    }
    if (pending.size) await sleep(100);
  }
  if (failed) throw new Error(`${failed} of ${jobs} jobs failed`);
  const seconds = (performance.now() - started) / 1000;
  return { workers, jobs, seconds, jobsPerSecond: jobs / seconds };
}

await runBench(async () => {
  say('render: 8 bars at 140 BPM, 44.1 kHz stereo, mix and master ...');
  const render = renderBench();
  console.log(`render: ${render.audioSeconds.toFixed(2)} s of audio (${render.tracks.join(', ')}), real-time factor ${render.realTimeFactor.toFixed(1)}x warm, ${render.coldRealTimeFactor.toFixed(1)}x for the first render (target >= ${TARGET_RTF}x: ${render.realTimeFactor >= TARGET_RTF ? 'MET' : 'NOT MET'}); master ${render.outputLufs.toFixed(2)} LUFS, ${render.truePeakDbtp.toFixed(2)} dBTP`);

  const jobs = Number(process.env.BENCH_JOBS ?? 12);
  const one = await queueBench(1, jobs);
  const two = await queueBench(2, jobs);
  console.log(row(['queue', 'jobs', 'seconds', 'jobs/s']));
  for (const q of [one, two]) console.log(row([`${q.workers} worker(s)`, String(q.jobs), q.seconds.toFixed(2), q.jobsPerSecond.toFixed(2)]));
  const queueRatio = two.jobsPerSecond / one.jobsPerSecond;
  console.log(`queue throughput ratio 2 workers / 1 worker: ${queueRatio.toFixed(2)} (on ${require('node:os').availableParallelism()} CPUs)`);

  const fanout = await fanoutBench({ clients: Number(process.env.BENCH_WS_CLIENTS ?? 1000), messages: Number(process.env.BENCH_WS_MESSAGES ?? 200) });
  printFanout(fanout);
  console.log(JSON.stringify({ bench: 'generation', render: { ...render, target: TARGET_RTF, met: render.realTimeFactor >= TARGET_RTF }, queue: { one, two, ratio: queueRatio }, fanout: { p99Ratio: fanout.p99Ratio, met: fanout.met } }));
});
