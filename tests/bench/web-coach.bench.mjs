// @ts-check
/**
 * The vocal coach's pitch display, from microphone frame to drawn point, in
 * real Chromium on localhost: the built `unified` process serves the studio
 * and /realtime-voice; Chromium's fake microphone plays a sung melody (a
 * voice-like tone per note, looped); the coach panel streams it from its
 * AudioWorklet one analysis hop at a time and draws the pitch curve.
 *
 * Every frame is traced on the page's clock (performance.now):
 *  - captured: the audio clock's time of the frame's newest sample, mapped to
 *    the page's clock with AudioContext.getOutputTimestamp();
 *  - sent: when the page emitted its `voice:chunk`;
 *  - received: when the `pitch` event carrying the chunk's seq arrived (the
 *    server echoes it);
 *  - drawn: the end of the animation frame that drew the point.
 * Printed: p50/p95/p99 of the whole path and of each leg (capture→send,
 * server and socket, receive→draw). Target: p99 under 50 ms.
 *
 * `npm run bench:web-coach`; BENCH_DURATION_S sets how long the take sings (default 20).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { benchSeconds, onCleanup, prepareEnvironment, root, row, runBench, say, startDeployable } from './bench-kit.mjs';

const RATE = 48_000;
const MELODY = [60, 62, 64, 67];
const PASSWORD = 'correct horse battery';
const TARGET_P99_MS = 50;
/** The first second is left out: the page's JIT and the socket warming up, not the steady state a singer sees. */
const WARM_UP_FRAMES = 90;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A voice-like melody (fundamental and three overtones), half a second a note, then a second's rest, as a 16-bit WAV. */
function melodyWav() {
  const samples = new Float32Array(Math.round((MELODY.length * 0.5 + 1) * RATE));
  MELODY.forEach((midi, n) => {
    const hz = 440 * 2 ** ((midi - 69) / 12);
    const start = Math.round(n * 0.5 * RATE);
    const length = Math.round(0.45 * RATE);
    for (let i = 0; i < length; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.01, (length - i) / RATE / 0.06);
      const phase = 2 * Math.PI * hz * t;
      samples[start + i] = (0.45 * envelope * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase) + 0.15 * Math.sin(4 * phase))) / 1.95;
    }
  });
  const wav = Buffer.alloc(44 + samples.length * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples.length * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) wav.writeInt16LE(Math.round(samples[i] * 32767), 44 + i * 2);
  return wav;
}

/** @param {number[]} values @param {number} p */
function pct(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** @param {string} url @param {string | null} token @param {string} path @param {unknown} body */
async function post(url, token, path, body) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return /** @type {any} */ (await res.json());
}

await runBench(async () => {
  if (!existsSync(join(root, 'web/dist/index.html'))) throw new Error('web/dist is missing: build the studio first (cd web && npx vite build)');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const seconds = process.env.BENCH_DURATION_S ? benchSeconds() : 20;
  const work = await mkdtemp(join(tmpdir(), 'dawg-bench-coach-'));
  onCleanup(() => rm(work, { recursive: true, force: true }));
  const { env } = await prepareEnvironment({ STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: join(work, 'storage'), STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_AUTH: '100000/900' });
  const unified = await startDeployable('unified', env);
  say(`unified at ${unified.url}`);

  const email = `coach-${Date.now()}@example.com`;
  const { tokens } = await post(unified.url, null, '/auth/register', { email, password: PASSWORD, displayName: 'Bench Singer' });
  const project = await post(unified.url, tokens.accessToken, '/projects', { name: 'Coach bench', bpm: 120 });
  const track = await post(unified.url, tokens.accessToken, `/projects/${project.id}/tracks`, { name: 'Melody', kind: 'midi' });
  await post(unified.url, tokens.accessToken, `/projects/${project.id}/clips`, {
    trackId: track.id,
    name: 'Hook',
    startBeat: 0,
    lengthBeats: MELODY.length,
    notes: MELODY.map((pitch, i) => ({ pitch, startBeat: i, lengthBeats: 1, velocity: 100 })),
  });

  const microphone = join(work, 'microphone.wav');
  await writeFile(microphone, melodyWav());
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${microphone}`],
  });
  onCleanup(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: unified.url })).newPage();
  await page.goto(`/projects/${project.id}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Vocal coach' }).click();
  const panel = page.getByRole('complementary', { name: 'Vocal coach' });
  await panel.getByRole('button', { name: 'Start singing' }).click();
  await page.waitForFunction(() => /** @type {any} */ (globalThis).document.querySelector('.coach-curve-wrap')?.getAttribute('data-status') === 'live', undefined, { timeout: 30_000 });
  const loadBefore = loadavg()[0];
  say(`singing for ${seconds} s ...`);
  await page.waitForTimeout(seconds * 1000);
  await panel.getByRole('button', { name: 'Stop and score' }).click();
  await panel.getByRole('region', { name: 'Score' }).waitFor({ timeout: 30_000 });
  const overall = await panel.getByRole('region', { name: 'Score' }).getAttribute('data-overall');
  /** @type {Array<{ seq: number, capturedAt: number, sentAt: number, receivedAt: number, drawnAt: number, clamped: boolean }>} */
  const traces = await page.evaluate(() => /** @type {any} */ (globalThis).dawgCoach.traces());
  /** @type {{ sampleRate: number, baseLatency: number, hz: number }} */
  const info = await page.evaluate(async () => {
    const page = /** @type {any} */ (globalThis);
    const ctx = new page.AudioContext();
    const base = ctx.baseLatency;
    await ctx.close();
    /** @type {number} */
    const hz = await new Promise((ok) => page.requestAnimationFrame((/** @type {number} */ a) => page.requestAnimationFrame((/** @type {number} */ b) => ok(Math.round(1000 / (b - a))))));
    return { sampleRate: ctx.sampleRate, baseLatency: base, hz };
  });

  const steady = traces.filter((t) => t.seq >= WARM_UP_FRAMES);
  if (steady.length < 100) throw new Error(`only ${steady.length} frames were traced`);
  const legs = {
    'capture→draw': steady.map((t) => t.drawnAt - t.capturedAt),
    'capture→send': steady.map((t) => t.sentAt - t.capturedAt),
    'server+socket': steady.map((t) => t.receivedAt - t.sentAt),
    'receive→draw': steady.map((t) => t.drawnAt - t.receivedAt),
  };
  const hop = (512 / info.sampleRate) * 1000;
  console.log(`\nmachine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before the take and ${loadavg()[0].toFixed(1)} after (everything shares them: Chromium, unified, Postgres, Redis)`);
  console.log(`Vocal coach pitch display in Chromium (${info.sampleRate} Hz, one ${hop.toFixed(1)} ms hop a frame, display ~${info.hz} Hz), ${steady.length} frames over ${seconds} s (first ${WARM_UP_FRAMES} left out), score ${overall}`);
  console.log(row(['leg', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']));
  for (const [name, values] of Object.entries(legs)) console.log(row([name, ...[50, 95, 99, 100].map((p) => pct(values, p).toFixed(1))]));
  const clamped = steady.filter((t) => t.clamped).length;
  console.log(`capture time from the worklet's clock for ${steady.length - clamped} frames; ${clamped} mapped after their arrival on the page and counted from the arrival`);
  console.log(`(before the worklet: the input device's own buffer, which the page cannot time; Chromium reports a base latency of ${(info.baseLatency * 1000).toFixed(1)} ms)`);
  const p99 = pct(legs['capture→draw'], 99);
  console.log(`\ncapture→draw p99 ${p99.toFixed(1)} ms: ${p99 < TARGET_P99_MS ? 'within' : 'MISSES'} the ${TARGET_P99_MS} ms target`);
  console.log('(the analysis window itself adds half a frame, 2,048 samples, of musical lag: a frame is stamped at its centre; that is the DSP, not this path.)');
});
