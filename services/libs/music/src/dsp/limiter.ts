import { type AudioBuffer } from '../types';
import { createAudioBuffer } from './audio-buffer';
import { dbToGain, gainToDb } from './decibels';
import { forwardWindowMin } from './sliding-min';
import { truePeakEnvelope } from './true-peak';

export interface TruePeakLimiterOptions {
  ceilingDbtp: number;
  /** Gain applied before limiting (the loudness normalisation), dB. Default 0. */
  inputGainDb?: number;
  /** How far ahead the limiter sees a peak coming; also its attack ramp. Default 5 ms. */
  lookaheadMs?: number;
  /** Time constant of gain recovery after a peak. Default 80 ms. */
  releaseMs?: number;
  /** True-peak envelope of `buffer` before `inputGainDb` (from truePeakEnvelope), to avoid recomputing it across iterations. */
  envelope?: Float32Array;
}

export interface LimiterResult {
  buffer: AudioBuffer;
  /** Deepest gain reduction applied, dB (≤ 0). */
  maxGainReductionDb: number;
}

/**
 * Aim this far under the ceiling: the gain curve is computed from the
 * oversampled peaks of the input, and a moving gain bends the in-between
 * samples slightly; master() re-measures and trims whatever still pokes out.
 */
const CEILING_MARGIN_DB = 0.1;

/**
 * Look-ahead true-peak limiter. The required gain at each sample is
 * ceiling / true-peak-envelope; a forward window minimum over the look-ahead
 * followed by a box average of the same length gives a gain that ramps down
 * before every peak and is provably never above the requirement at it
 * (every term of the average already covers the peak). Recovery is a
 * one-pole release applied between the two, which can only lower the gain.
 * No latency is reported: the look-ahead is in the gain curve, not a delay.
 */
export function limitTruePeak(buffer: AudioBuffer, options: TruePeakLimiterOptions): LimiterResult {
  const sampleRate = buffer.sampleRate;
  const inputGain = dbToGain(options.inputGainDb ?? 0);
  const ceiling = dbToGain(options.ceilingDbtp - CEILING_MARGIN_DB);
  const envelope = options.envelope ?? truePeakEnvelope(buffer);
  const n = envelope.length;
  const lookahead = Math.max(1, Math.round(((options.lookaheadMs ?? 5) * sampleRate) / 1000));
  const release = 1 - Math.exp(-1 / (((options.releaseMs ?? 80) * sampleRate) / 1000));

  // Each stage is a small kernel of typed arrays and numbers: V8 then optimises
  // them whole, instead of on-stack-replacing one loop of a long function whose
  // later, untried code deoptimises on every call.
  const required = requiredGain(envelope, inputGain, ceiling);
  const held = forwardWindowMin(required, lookahead, 1);
  applyRelease(held, release);
  // Trailing box average; before the start the curve is held at its first value (itself ≤ the requirement there).
  const gain = required; // reuse: `required` is no longer needed
  const minGain = boxAverageGain(held, lookahead, inputGain, gain);

  const out = createAudioBuffer(sampleRate, buffer.channels.length, n);
  for (let c = 0; c < buffer.channels.length; c++) applyGain(buffer.channels[c], gain, out.channels[c]);
  return { buffer: out, maxGainReductionDb: Math.min(0, gainToDb(minGain)) };
}

function requiredGain(envelope: Float32Array, inputGain: number, ceiling: number): Float32Array {
  const n = envelope.length;
  const required = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const peak = envelope[i] * inputGain;
    required[i] = peak > ceiling ? ceiling / peak : 1;
  }
  return required;
}

/** One-pole recovery towards the held requirement; drops instantly. In place. */
function applyRelease(held: Float32Array, release: number): void {
  const n = held.length;
  let level = held[0];
  for (let i = 0; i < n; i++) {
    const target = held[i];
    level = target < level ? target : level + (target - level) * release;
    held[i] = level;
  }
}

/** Writes the trailing `lookahead`-sample average of `held`, times `inputGain`, to `gain`; returns the smallest average. */
function boxAverageGain(held: Float32Array, lookahead: number, inputGain: number, gain: Float32Array): number {
  const n = held.length;
  let sum = n > 0 ? held[0] * lookahead : 0;
  let minGain = 1;
  for (let i = 0; i < n; i++) {
    sum += held[i] - (i >= lookahead ? held[i - lookahead] : held[0]);
    const average = sum / lookahead;
    if (average < minGain) minGain = average;
    gain[i] = average * inputGain;
  }
  return minGain;
}

function applyGain(x: Float32Array, gain: Float32Array, y: Float32Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) y[i] = x[i] * gain[i];
}
