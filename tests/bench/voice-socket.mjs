// @ts-check
/**
 * The vocal coach's end-to-end latency: from sending one PCM chunk over a
 * local Socket.IO connection to /realtime-voice to receiving its `pitch`
 * event, through the built voice deployable (handshake JWT, payload
 * validation, the tracker, the event). A sung tone is streamed in 512-sample
 * chunks (one analysis hop, 11.6 ms at 44.1 kHz) paced in real time, so each
 * chunk after the first frame's worth yields exactly one pitch event.
 *
 * Standalone: `node tests/bench/voice-socket.mjs`; imported by voice.bench.mjs.
 * BENCH_VOICE_SECONDS sets how much audio is streamed (default 20).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { prepareEnvironment, row, runBench, say, startDeployable } from './bench-kit.mjs';

const RATE = 44_100;
const HOP = 512;

/** @param {number[]} sorted @param {number} p */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function voiceSocketLatency() {
  const { env } = await prepareEnvironment();
  const [api, voice] = await Promise.all([startDeployable('api', env), startDeployable('voice', env)]);
  const res = await fetch(`${api.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Bench' }),
  });
  const { tokens } = /** @type {{ tokens: { accessToken: string } }} */ (await res.json());
  const socket = io(`${voice.url}/realtime-voice`, { path: '/voice/socket.io', auth: { token: tokens.accessToken }, transports: ['websocket'] });
  await new Promise((ok, fail) => {
    socket.once('connect', () => ok(undefined));
    socket.once('connect_error', fail);
  });
  const ask = (/** @type {string} */ event, /** @type {unknown} */ payload) =>
    new Promise((ok, fail) => socket.emit(event, payload, (/** @type {{ ok: boolean, data?: any, error?: unknown }} */ r) => (r.ok ? ok(r.data) : fail(new Error(JSON.stringify(r.error))))));

  const seconds = Number(process.env.BENCH_VOICE_SECONDS ?? 20);
  const { sessionId } = /** @type {{ sessionId: string }} */ (await ask('voice:start', { sampleRate: RATE, format: 'f32', target: { kind: 'scale', tonic: 'A', scale: 'minor' } }));
  /** @type {Array<(time: number) => void>} */
  const waiting = [];
  socket.on('pitch', () => waiting.shift()?.(performance.now()));
  /** @type {number[]} */
  const latencies = [];
  const chunks = Math.floor((seconds * RATE) / HOP);
  const started = performance.now();
  for (let seq = 0; seq < chunks; seq++) {
    const samples = new Float32Array(HOP);
    for (let i = 0; i < HOP; i++) {
      const t = (seq * HOP + i) / RATE;
      samples[i] = 0.3 * (Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 440 * t));
    }
    const sent = performance.now();
    // The first chunks fill the analysis frame (2,048 samples) and yield no event.
    const event = seq >= 3 ? new Promise((ok) => waiting.push(ok)) : undefined;
    const acked = ask('voice:chunk', { sessionId, seq, pcm: new Uint8Array(samples.buffer) });
    if (event) latencies.push(/** @type {number} */ (await event) - sent);
    await acked;
    // Real time: the next chunk is due when the audio it holds would have been captured.
    const due = started + ((seq + 1) * HOP * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await ask('voice:stop', { sessionId });
  socket.disconnect();
  latencies.sort((a, b) => a - b);
  return { events: latencies.length, p50Ms: pct(latencies, 50), p99Ms: pct(latencies, 99), maxMs: latencies.at(-1) ?? 0 };
}

/** @param {{ events: number, p50Ms: number, p99Ms: number, maxMs: number }} result */
export function printLatency(result) {
  process.stdout.write(`\nchunk → pitch event over Socket.IO /realtime-voice (${result.events} events, real-time pacing)\n`);
  process.stdout.write(`${row(['', 'p50 ms', 'p99 ms', 'max ms'])}\n`);
  process.stdout.write(`${row(['voice', result.p50Ms.toFixed(2), result.p99Ms.toFixed(2), result.maxMs.toFixed(2)])}\n`);
  process.stdout.write(`target: p99 under 30 ms: ${result.p99Ms < 30 ? 'met' : 'NOT met'}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBench(async () => {
    say('streaming a take to the voice deployable ...');
    const result = await voiceSocketLatency();
    printLatency(result);
    process.stdout.write(`${JSON.stringify({ bench: 'voice-socket', ...result })}\n`);
  });
}
