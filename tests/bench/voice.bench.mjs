// @ts-check
/**
 * `npm run bench:voice`: the vocal coach's DSP against the two npm pitch detectors.
 *
 * 1. Per-frame pitch: ours (@dawg/audio-analysis PitchDetector: NSDF over a fixed
 *    window through one FFT cross-correlation), pitchfinder's YIN (2.3, defaults) and
 *    pitchy's McLeod (4.1, PitchDetector.forFloat32Array(2048)) on the SAME 2,048-sample
 *    frames at 44.1 kHz: microseconds per frame (warm-up, then the median of many
 *    timed passes, detectors interleaved) and the ratios.
 * 2. Accuracy on those frames, per condition: raw pitch accuracy (estimate within 50
 *    cents of the truth, whatever the detector's own voicing says; no answer is a
 *    miss), octave errors (within 50 cents of double or half), no-answer share, and
 *    the mean absolute error of the correct estimates in cents (what in-tune calls rest on).
 *    Conditions: every quarter semitone 80-1,000 Hz; pure tone; fundamental 20 dB
 *    under harmonics 2-5; 5.5 Hz +-50 cent vibrato; white noise at 20 and 10 dB SNR;
 *    then two beyond the issue's list (weak fundamental in 10 dB noise, a strong 2nd
 *    harmonic), reported separately.
 * 3. The streaming parts: PitchTracker cost per hop and onset detection, as real-time factors.
 *
 * Targets: at least as accurate as the better of the two, and no slower than pitchy.
 * A missed target is reported, not fatal. Needs the build (`npm run build`).
 * BENCH_PASSES sets the timed passes per detector (default 15).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { YIN } from 'pitchfinder';
import { PitchDetector as Pitchy } from 'pitchy';
import { runBench, say } from './bench-kit.mjs';
import { printLatency, voiceSocketLatency } from './voice-socket.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const distEntry = join(root, 'services/libs/audio-analysis/dist/index.js');
if (!existsSync(distEntry)) {
  process.stderr.write(`[bench] ${distEntry} is missing: run \`npm run build\` first\n`);
  process.exit(1);
}
/** @type {typeof import('@dawg/audio-analysis')} */
const lib = createRequire(import.meta.url)(distEntry);

const SAMPLE_RATE = 44100;
const FRAME = 2048;
const PASSES = Number(process.env.BENCH_PASSES ?? 15);

// ---------- deterministic signals (the same recipes as the library's tests) ----------

/** mulberry32 @param {number} seed */
function seededRandom(seed) {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates (polar method). @param {() => number} random */
function gaussian(random) {
  /** @type {number | null} */
  let spare = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    let v = 0;
    let q = 0;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const k = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * k;
    return u * k;
  };
}

/**
 * @typedef {{ name: string, harmonics: number[], vibrato?: { rateHz: number, extentCents: number }, snrDb?: number, extra?: boolean }} Condition
 * @typedef {{ condition: string, extra: boolean, truth: number, samples: Float32Array }} Frame
 */
const RICH = [1, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.12];
const WEAK_FUNDAMENTAL = [0.1, 1, 1, 1, 1];
/** @type {Condition[]} */
const CONDITIONS = [
  { name: 'pure tone', harmonics: [1] },
  { name: 'weak fundamental (-20 dB)', harmonics: WEAK_FUNDAMENTAL },
  { name: 'vibrato 5.5 Hz +-50 c', harmonics: RICH, vibrato: { rateHz: 5.5, extentCents: 50 } },
  { name: 'white noise 20 dB SNR', harmonics: RICH, snrDb: 20 },
  { name: 'white noise 10 dB SNR', harmonics: RICH, snrDb: 10 },
  { name: 'weak fund. + 10 dB SNR', harmonics: WEAK_FUNDAMENTAL, snrDb: 10, extra: true },
  { name: 'strong 2nd harmonic', harmonics: [0.1, 1, 0.2, 0.7, 0.1, 0.3], extra: true },
];

/** One frame of a condition's tone at `frequency`; the truth is the frequency at the frame centre. @param {Condition} c @param {number} frequency @param {number} seed @returns {Frame} */
function makeFrame(c, frequency, seed) {
  const random = seededRandom(seed);
  const phases = c.harmonics.map(() => 2 * Math.PI * random());
  const vibratoPhase = 2 * Math.PI * random();
  const norm = c.harmonics.reduce((a, b) => a + b, 0);
  const at = (/** @type {number} */ t) =>
    c.vibrato ? frequency * 2 ** ((c.vibrato.extentCents / 1200) * Math.sin(2 * Math.PI * c.vibrato.rateHz * t + vibratoPhase)) : frequency;
  const samples = new Float32Array(FRAME);
  let phase = 0;
  for (let i = 0; i < FRAME; i++) {
    const f = at((i + 0.5) / SAMPLE_RATE);
    let sum = 0;
    for (let h = 0; h < c.harmonics.length && (h + 1) * f < SAMPLE_RATE / 2; h++) sum += c.harmonics[h] * Math.sin((h + 1) * phase + phases[h]);
    samples[i] = (0.5 / norm) * sum;
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
  }
  if (c.snrDb !== undefined) {
    let power = 0;
    for (const x of samples) power += x * x;
    const sigma = Math.sqrt(power / FRAME) / 10 ** (c.snrDb / 20);
    const noise = gaussian(seededRandom(seed * 7919 + 1));
    for (let i = 0; i < FRAME; i++) samples[i] += sigma * noise();
  }
  return { condition: c.name, extra: Boolean(c.extra), truth: at(FRAME / 2 / SAMPLE_RATE), samples };
}

/** @returns {Frame[]} */
function makeFrames() {
  const frames = [];
  let seed = 1;
  for (const c of CONDITIONS) {
    for (let s = 0; 80 * 2 ** (s / 12) <= 1000 * 1.000001; s += 0.25) {
      for (let k = 0; k < 2; k++) frames.push(makeFrame(c, 80 * 2 ** (s / 12), ++seed));
    }
  }
  return frames;
}

// ---------- the three detectors, each answering Hz or null ----------

const ours = new lib.PitchDetector({ sampleRate: SAMPLE_RATE, frameSize: FRAME });
const yin = YIN({ sampleRate: SAMPLE_RATE });
const pitchy = Pitchy.forFloat32Array(FRAME);
/** @type {Array<{ name: string, detect: (frame: Float32Array) => number | null }>} */
const DETECTORS = [
  { name: 'ours (NSDF, FFT)', detect: (x) => ours.detect(x).frequency || null },
  { name: 'pitchfinder YIN', detect: (x) => yin(x) },
  { name: 'pitchy McLeod', detect: (x) => pitchy.findPitch(x, SAMPLE_RATE)[0] || null },
];

/** @param {number | null} estimate @param {number} truth */
function classify(estimate, truth) {
  if (estimate === null || !(estimate > 0)) return 'none';
  const cents = Math.abs(1200 * Math.log2(estimate / truth));
  if (cents <= 50) return 'correct';
  return Math.abs(cents - 1200) <= 50 ? 'octave' : 'other';
}

/** @param {Frame[]} frames */
function accuracy(frames) {
  /** @type {Map<string, Map<string, { n: number, correct: number, octave: number, none: number, centsError: number }>>} */
  const table = new Map();
  for (const d of DETECTORS) {
    const perCondition = new Map();
    for (const f of frames) {
      const key = f.condition;
      const t = perCondition.get(key) ?? { n: 0, correct: 0, octave: 0, none: 0, centsError: 0 };
      const estimate = d.detect(f.samples);
      const verdict = classify(estimate, f.truth);
      t.n++;
      if (verdict === 'correct') {
        t.correct++;
        t.centsError += Math.abs(1200 * Math.log2(/** @type {number} */ (estimate) / f.truth));
      }
      if (verdict === 'octave') t.octave++;
      if (verdict === 'none') t.none++;
      perCondition.set(key, t);
    }
    table.set(d.name, perCondition);
  }
  return table;
}

/** Median microseconds per frame: warm-up passes, then PASSES timed passes over all frames, detectors interleaved. @param {Frame[]} frames */
function timing(frames) {
  const inputs = frames.map((f) => f.samples);
  let sink = 0;
  for (let w = 0; w < 3; w++) for (const d of DETECTORS) for (const x of inputs) sink += d.detect(x) ?? 0;
  /** @type {Map<string, number[]>} */
  const samples = new Map(DETECTORS.map((d) => [d.name, []]));
  for (let p = 0; p < PASSES; p++) {
    for (const d of DETECTORS) {
      const start = process.hrtime.bigint();
      for (const x of inputs) sink += d.detect(x) ?? 0;
      samples.get(d.name)?.push(Number(process.hrtime.bigint() - start) / 1000 / inputs.length);
    }
  }
  if (sink === 42) say('');
  return new Map([...samples].map(([name, us]) => [name, median(us)]));
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
}

/** Streaming costs: PitchTracker per hop and OnsetDetector, on 10 s of a sung-like phrase. */
function streaming() {
  const seconds = 10;
  const signal = new Float32Array(seconds * SAMPLE_RATE);
  let phase = 0;
  for (let i = 0; i < signal.length; i++) {
    const t = i / SAMPLE_RATE;
    const note = Math.floor(t / 0.5);
    const f = 220 * 2 ** (((note * 5) % 12) / 12) * 2 ** ((40 / 1200) * Math.sin(2 * Math.PI * 5.5 * t));
    const envelope = t % 0.5 < 0.45 ? Math.min(1, (t % 0.5) / 0.02) : 0;
    let sum = 0;
    for (let h = 0; h < RICH.length; h++) sum += RICH[h] * Math.sin((h + 1) * phase);
    signal[i] = 0.2 * envelope * sum;
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
  }
  const chunk = 1024; // ~23 ms, a typical socket chunk
  const run = (/** @type {() => { push(x: Float32Array): unknown[] }} */ make) => {
    const runs = [];
    let outputs = 0;
    for (let r = 0; r < 7; r++) {
      const stream = make();
      const start = process.hrtime.bigint();
      outputs = 0;
      for (let o = 0; o < signal.length; o += chunk) outputs += stream.push(signal.subarray(o, o + chunk)).length;
      runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    const s = median(runs.slice(2));
    return { seconds: s, outputs, realTime: seconds / s };
  };
  const tracker = run(() => new lib.PitchTracker({ sampleRate: SAMPLE_RATE }));
  const onsets = run(() => new lib.OnsetDetector({ sampleRate: SAMPLE_RATE }));
  return { tracker, onsets };
}

// ---------- run and print ----------

const pct = (/** @type {number} */ n, /** @type {number} */ d) => `${((100 * n) / d).toFixed(2)}%`;
const pad = (/** @type {string} */ s, /** @type {number} */ n) => s.padEnd(n);

say(`building ${CONDITIONS.length} conditions x 175 frequencies x 2 phases of ${FRAME}-sample frames at ${SAMPLE_RATE} Hz ...`);
const frames = makeFrames();
say(`${frames.length} frames; accuracy ...`);
const table = accuracy(frames);
say(`timing (${PASSES} passes of ${frames.length} frames per detector) ...`);
const micros = timing(frames);
say('streaming ...');
const stream = streaming();

const lines = [];
lines.push('', `Per-frame pitch, ${FRAME} samples at ${SAMPLE_RATE} Hz, the same ${frames.length} frames for all three (Node ${process.versions.node})`, '');
lines.push(
  `${pad('detector', 20)} ${pad('us/frame', 10)} ${pad('vs ours', 9)} ${pad('accuracy', 10)} ${pad('octave', 8)} ${pad('no answer', 10)} ${pad('mean |err|', 11)} ${pad('| +extra: acc.', 15)} octave`,
);
/** @type {Map<string, { accuracy: number, octave: number }>} */
const totals = new Map();
const ourMicros = micros.get(DETECTORS[0].name) ?? NaN;
for (const d of DETECTORS) {
  const perCondition = table.get(d.name) ?? new Map();
  const sum = (/** @type {boolean} */ withExtra) => {
    const t = { n: 0, correct: 0, octave: 0, none: 0, centsError: 0 };
    for (const c of CONDITIONS) {
      if (c.extra && !withExtra) continue;
      const x = perCondition.get(c.name);
      t.n += x.n;
      t.correct += x.correct;
      t.octave += x.octave;
      t.none += x.none;
      t.centsError += x.centsError;
    }
    return t;
  };
  const issue = sum(false);
  const all = sum(true);
  totals.set(d.name, { accuracy: issue.correct / issue.n, octave: issue.octave / issue.n });
  const us = micros.get(d.name) ?? NaN;
  lines.push(
    `${pad(d.name, 20)} ${pad(us.toFixed(1), 10)} ${pad(`${(us / ourMicros).toFixed(2)}x`, 9)} ${pad(pct(issue.correct, issue.n), 10)} ${pad(pct(issue.octave, issue.n), 8)} ${pad(pct(issue.none, issue.n), 10)} ${pad(`${(issue.centsError / Math.max(1, issue.correct)).toFixed(2)} c`, 11)} | ${pad(pct(all.correct, all.n), 13)} ${pct(all.octave, all.n)}`,
  );
}
lines.push('', 'Raw pitch accuracy (within 50 cents) / octave errors per condition:', '');
lines.push(`${pad('condition', 28)} ${DETECTORS.map((d) => pad(d.name, 22)).join(' ')}`);
for (const c of CONDITIONS) {
  const cells = DETECTORS.map((d) => {
    const x = table.get(d.name)?.get(c.name);
    return pad(x ? `${pct(x.correct, x.n)} / ${pct(x.octave, x.n)}` : '-', 22);
  });
  lines.push(`${pad(c.name + (c.extra ? ' *' : ''), 28)} ${cells.join(' ')}`);
}
lines.push('  * beyond the issue\'s list; not in the "accuracy" column above');

const mine = totals.get(DETECTORS[0].name) ?? { accuracy: 0, octave: 1 };
const bestOther = Math.max(totals.get(DETECTORS[1].name)?.accuracy ?? 0, totals.get(DETECTORS[2].name)?.accuracy ?? 0);
const pitchyMicros = micros.get(DETECTORS[2].name) ?? NaN;
const accurate = mine.accuracy >= bestOther;
const fast = ourMicros <= pitchyMicros;
lines.push('');
lines.push(`target: at least as accurate as the better of the two (${pct(bestOther, 1)}): ours ${pct(mine.accuracy, 1)} -> ${accurate ? 'MET' : 'MISSED'}`);
lines.push(`target: no slower than pitchy (${pitchyMicros.toFixed(1)} us): ours ${ourMicros.toFixed(1)} us, ${(pitchyMicros / ourMicros).toFixed(2)}x pitchy's speed -> ${fast ? 'MET' : 'MISSED'}`);
lines.push('');
const hopMs = (512 / SAMPLE_RATE) * 1000;
lines.push(
  `PitchTracker (2,048 frame, 512 hop = ${hopMs.toFixed(1)} ms, voicing, octave protection, note names): ${((stream.tracker.seconds / stream.tracker.outputs) * 1e6).toFixed(1)} us per hop, ${stream.tracker.realTime.toFixed(0)}x real time`,
);
lines.push(`OnsetDetector (2,048 frame, 256 hop, SuperFlux): ${stream.onsets.realTime.toFixed(0)}x real time`);
lines.push('');
process.stdout.write(`${lines.join('\n')}\n`);
process.stdout.write(
  `${JSON.stringify({
    bench: 'voice',
    microsPerFrame: Object.fromEntries(micros),
    rawPitchAccuracy: Object.fromEntries([...totals].map(([k, v]) => [k, v.accuracy])),
    octaveErrors: Object.fromEntries([...totals].map(([k, v]) => [k, v.octave])),
    trackerRealTime: stream.tracker.realTime,
    onsetRealTime: stream.onsets.realTime,
    targets: { accurate, fast },
  })}\n`,
);

// ----------------------------------------------------------------------------------------
// End to end: a chunk sent over Socket.IO /realtime-voice to its pitch event (tests/bench/voice-socket.mjs).
// ----------------------------------------------------------------------------------------
await runBench(async () => {
  say('streaming a take to the voice deployable ...');
  const latency = await voiceSocketLatency();
  printLatency(latency);
  process.stdout.write(`${JSON.stringify({ bench: 'voice-socket', ...latency })}\n`);
});
