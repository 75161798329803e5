import { type AudioBuffer } from '../types';
import { assertAudioBuffer, samplePeak } from './audio-buffer';
import { gainToDb } from './decibels';

/**
 * True peak per BS.1770-4 Annex 2: upsample 4x with a polyphase FIR
 * interpolator and take the largest absolute value.
 *
 * The interpolator is a Kaiser-windowed sinc, 12 taps per phase (48 in all,
 * the size the Annex uses). Phase 0 of such a filter is the input sample
 * itself, so only the three in-between phases are computed. Each phase is
 * normalised to unity DC gain so a constant reads exactly its level.
 */
export const TRUE_PEAK_OVERSAMPLING = 4;
const TAPS_PER_PHASE = 12;
const HALF = TAPS_PER_PHASE / 2;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/**
 * Taps for the in-between phases: `phases[p - 1][j]` weights x[n + j - HALF + 1]
 * to estimate the signal at n + p/4.
 */
function designInterpolator(): Float64Array[] {
  const beta = 5.5;
  const halfSpan = HALF;
  const phases: Float64Array[] = [];
  for (let p = 1; p < TRUE_PEAK_OVERSAMPLING; p++) {
    const frac = p / TRUE_PEAK_OVERSAMPLING;
    const taps = new Float64Array(TAPS_PER_PHASE);
    let sum = 0;
    for (let j = 0; j < TAPS_PER_PHASE; j++) {
      const t = frac - (j - HALF + 1); // distance from tap sample to the point being estimated
      const sinc = Math.sin(Math.PI * t) / (Math.PI * t);
      const r = t / halfSpan;
      const window = Math.abs(r) < 1 ? besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta) : 0;
      taps[j] = sinc * window;
      sum += taps[j];
    }
    for (let j = 0; j < TAPS_PER_PHASE; j++) taps[j] /= sum;
    phases.push(taps);
  }
  return phases;
}

const PHASES = designInterpolator();
// Phase 3/4 is phase 1/4 reversed in time, so only two tap sets are read.
const [P1, P2] = PHASES;

/** Largest gain any interpolation phase can give a signal bounded by 1 (the L1 norm of its taps). */
const PHASE_GAIN_BOUND = Math.max(...PHASES.map((taps) => taps.reduce((sum, t) => sum + Math.abs(t), 0)));
/** Samples per block when deciding whether a stretch of signal can reach the threshold at all. */
const SKIP_BLOCK = 16;

/**
 * Writes, for every sample n, the largest of |x[n]| and the three
 * interpolated magnitudes between n and n+1 into `envelope` (max-combined
 * with what is already there, so channels can share one envelope).
 *
 * Interpolation is skipped for 16-sample blocks whose neighbourhood cannot
 * reach `threshold` (its sample peak times the filter's largest gain stays
 * below it): there the envelope keeps the sample magnitude. So the envelope
 * is exact wherever its true value is at or above `threshold`, and below
 * `threshold` everywhere else; 0 computes everything.
 */
export function accumulateTruePeakEnvelope(x: Float32Array, envelope: Float32Array, threshold = 0): void {
  const n = x.length;
  // Zero-padded copy so the hot loop needs no bounds checks.
  const padded = new Float32Array(n + TAPS_PER_PHASE);
  padded.set(x, HALF - 1);
  const blockPeak = samplePeaksByBlock(x, envelope);
  interpolateLoudBlocks(padded, envelope, blockPeak, threshold / PHASE_GAIN_BOUND);
}

/*
 * The passes below are separate small functions (not loops inline in
 * accumulateTruePeakEnvelope) so V8 optimises each whole on first use rather
 * than on-stack-replacing one loop and deoptimising on the untried rest.
 */

/** Max-combines |x| into `envelope`; returns each block's sample peak, with one empty block either side. */
function samplePeaksByBlock(x: Float32Array, envelope: Float32Array): Float32Array {
  const n = x.length;
  const blocks = Math.ceil(n / SKIP_BLOCK);
  const blockPeak = new Float32Array(blocks + 2);
  for (let b = 0; b < blocks; b++) {
    let peak = 0;
    const end = Math.min(n, (b + 1) * SKIP_BLOCK);
    for (let i = b * SKIP_BLOCK; i < end; i++) {
      const a = x[i] < 0 ? -x[i] : x[i];
      if (a > peak) peak = a;
      if (a > envelope[i]) envelope[i] = a;
    }
    blockPeak[b + 1] = peak;
  }
  return blockPeak;
}

/** Interpolates every block whose neighbourhood's sample peak reaches `limit`. */
function interpolateLoudBlocks(padded: Float32Array, envelope: Float32Array, blockPeak: Float32Array, limit: number): void {
  const n = padded.length - TAPS_PER_PHASE;
  const blocks = blockPeak.length - 2;
  for (let b = 0; b < blocks; b++) {
    const p0 = blockPeak[b], p1 = blockPeak[b + 1], p2 = blockPeak[b + 2];
    const around = p0 > p1 ? (p0 > p2 ? p0 : p2) : p1 > p2 ? p1 : p2;
    if (around > 0 && around >= limit) interpolateRange(padded, envelope, b * SKIP_BLOCK, Math.min(n, (b + 1) * SKIP_BLOCK));
  }
}

function interpolateRange(padded: Float32Array, envelope: Float32Array, from: number, to: number): void {
  const a0 = P1[0], a1 = P1[1], a2 = P1[2], a3 = P1[3], a4 = P1[4], a5 = P1[5];
  const a6 = P1[6], a7 = P1[7], a8 = P1[8], a9 = P1[9], a10 = P1[10], a11 = P1[11];
  const b0 = P2[0], b1 = P2[1], b2 = P2[2], b3 = P2[3], b4 = P2[4], b5 = P2[5];
  // The half-way phase is symmetric: b[j] === b[11 - j].
  for (let i = from; i < to; i++) {
    const x0 = padded[i], x1 = padded[i + 1], x2 = padded[i + 2], x3 = padded[i + 3];
    const x4 = padded[i + 4], x5 = padded[i + 5], x6 = padded[i + 6], x7 = padded[i + 7];
    const x8 = padded[i + 8], x9 = padded[i + 9], x10 = padded[i + 10], x11 = padded[i + 11];
    // Phase 3/4 is phase 1/4 mirrored in time.
    const y1 =
      a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3 + a4 * x4 + a5 * x5 +
      a6 * x6 + a7 * x7 + a8 * x8 + a9 * x9 + a10 * x10 + a11 * x11;
    const y3 =
      a11 * x0 + a10 * x1 + a9 * x2 + a8 * x3 + a7 * x4 + a6 * x5 +
      a5 * x6 + a4 * x7 + a3 * x8 + a2 * x9 + a1 * x10 + a0 * x11;
    const y2 =
      b0 * (x0 + x11) + b1 * (x1 + x10) + b2 * (x2 + x9) + b3 * (x3 + x8) + b4 * (x4 + x7) + b5 * (x5 + x6);
    let m = x5 < 0 ? -x5 : x5;
    const m1 = y1 < 0 ? -y1 : y1;
    const m2 = y2 < 0 ? -y2 : y2;
    const m3 = y3 < 0 ? -y3 : y3;
    if (m1 > m) m = m1;
    if (m2 > m) m = m2;
    if (m3 > m) m = m3;
    if (m > envelope[i]) envelope[i] = m;
  }
}

/** True-peak envelope over all channels (see accumulateTruePeakEnvelope for `threshold`). */
export function truePeakEnvelope(buffer: AudioBuffer, threshold = 0): Float32Array {
  assertAudioBuffer(buffer);
  const envelope = new Float32Array(buffer.channels[0].length);
  for (const ch of buffer.channels) accumulateTruePeakEnvelope(ch, envelope, threshold);
  return envelope;
}

/**
 * Largest absolute value of the 4x-oversampled signal, linear. The true
 * peak is never below the sample peak, so only the neighbourhoods that could
 * beat the sample peak are interpolated: exact, and much cheaper on music.
 */
export function truePeak(buffer: AudioBuffer): number {
  const envelope = truePeakEnvelope(buffer, samplePeak(buffer));
  let peak = 0;
  for (let i = 0; i < envelope.length; i++) if (envelope[i] > peak) peak = envelope[i];
  return peak;
}

/** True peak in dBTP. */
export function truePeakDbtp(buffer: AudioBuffer): number {
  return gainToDb(truePeak(buffer));
}
