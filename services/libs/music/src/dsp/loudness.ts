import { type AudioBuffer } from '../types';
import { assertAudioBuffer } from './audio-buffer';
import { type BiquadCoefficients } from './biquad';

/**
 * Loudness per ITU-R BS.1770-4 (and the EBU R128 momentary/short-term views).
 *
 * K-weighting is the standard's two stages: a high-shelf "pre-filter" that
 * models the head, then the RLB high-pass. The standard only publishes
 * coefficients for 48 kHz, so both are derived here from their analogue
 * prototypes (the parameters libebur128 and others fit to the published
 * values) for the actual sample rate; at 48 kHz they reproduce the table.
 */
export function kWeightingCoefficients(sampleRate: number): { shelf: BiquadCoefficients; highPass: BiquadCoefficients } {
  // Stage 1: high shelf, +4 dB above ~1.7 kHz.
  const f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = Math.pow(10, gainDb / 20);
  const vb = Math.pow(vh, 0.4996667741545416);
  let a0 = 1 + k / q + k * k;
  const shelf: BiquadCoefficients = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // Stage 2: RLB high-pass at ~38 Hz. The standard's numerator is exactly [1, -2, 1].
  const hpF0 = 38.13547087602444;
  const hpQ = 0.5003270373238773;
  k = Math.tan((Math.PI * hpF0) / sampleRate);
  a0 = 1 + k / hpQ + k * k;
  const highPass: BiquadCoefficients = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / hpQ + k * k) / a0,
  };
  return { shelf, highPass };
}

export interface LoudnessMeasurement {
  /** Gated programme loudness, LUFS; -Infinity when nothing passes the gates (or under 400 ms of audio). */
  integratedLufs: number;
  /** Loudest 400 ms window (EBU R128 momentary), LUFS. */
  momentaryMaxLufs: number;
  /** Loudest 3 s window (EBU R128 short-term), LUFS. */
  shortTermMaxLufs: number;
  /** EBU Tech 3342 loudness range, LU (0 when too short to tell). */
  loudnessRangeLu: number;
}

export interface LoudnessOptions {
  /** Per-channel weights G_i. Default 1 for every channel, or the standard 5.0/5.1 layouts (surrounds 1.41, LFE 0). */
  channelWeights?: number[];
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
/** The standard's offset so a 997 Hz full-scale sine on one channel reads -3.01 LUFS. */
const LOUDNESS_OFFSET = -0.691;

function powerToLufs(meanSquare: number): number {
  return meanSquare > 0 ? LOUDNESS_OFFSET + 10 * Math.log10(meanSquare) : -Infinity;
}

function lufsToPower(lufs: number): number {
  return Math.pow(10, (lufs - LOUDNESS_OFFSET) / 10);
}

function defaultWeights(channels: number): number[] {
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  if (channels === 5) return [1, 1, 1, 1.41, 1.41];
  return new Array<number>(channels).fill(1);
}

/**
 * K-weighted energy per 100 ms hop, summed over channels with their weights.
 * Every gating block (400 ms, 75 % overlap) and short-term window (3 s) is a
 * run of whole hops, so one filtering pass serves all the measurements.
 */
export function kWeightedHopEnergies(buffer: AudioBuffer, options: LoudnessOptions = {}): { hop: number; energies: Float64Array } {
  assertAudioBuffer(buffer);
  const hop = Math.round(buffer.sampleRate * 0.1);
  const length = buffer.channels[0].length;
  const hops = Math.floor(length / hop);
  const energies = new Float64Array(hops);
  const weights = options.channelWeights ?? defaultWeights(buffer.channels.length);
  const { shelf, highPass } = kWeightingCoefficients(buffer.sampleRate);
  const { b0: sb0, b1: sb1, b2: sb2, a1: sa1c, a2: sa2c } = shelf;
  const { a1: ha1, a2: ha2 } = highPass;
  // Channels are filtered two at a time: the filters' feedback chains are
  // latency-bound, and two independent chains in one loop run nearly as fast as one.
  const channelCount = buffer.channels.length;
  for (let c = 0; c < channelCount; c += 2) {
    const wa = weights[c] ?? 1;
    const wb = c + 1 < channelCount ? (weights[c + 1] ?? 1) : 0;
    const xa = buffer.channels[c];
    const xb = c + 1 < channelCount ? buffer.channels[c + 1] : buffer.channels[c];
    let sa1 = 0, sa2 = 0, ha1s = 0, ha2s = 0;
    let sb1s = 0, sb2s = 0, hb1 = 0, hb2 = 0;
    let i = 0;
    for (let j = 0; j < hops; j++) {
      let sumA = 0;
      let sumB = 0;
      const end = i + hop;
      for (; i < end; i++) {
        const va = xa[i];
        const ya = sb0 * va + sa1;
        sa1 = sb1 * va - sa1c * ya + sa2;
        sa2 = sb2 * va - sa2c * ya;
        // RLB numerator is [1, -2, 1].
        const za = ya + ha1s;
        ha1s = -2 * ya - ha1 * za + ha2s;
        ha2s = ya - ha2 * za;
        sumA += za * za;

        const vb = xb[i];
        const yb = sb0 * vb + sb1s;
        sb1s = sb1 * vb - sa1c * yb + sb2s;
        sb2s = sb2 * vb - sa2c * yb;
        const zb = yb + hb1;
        hb1 = -2 * yb - ha1 * zb + hb2;
        hb2 = yb - ha2 * zb;
        sumB += zb * zb;
      }
      energies[j] += wa * sumA + wb * sumB;
    }
  }
  return { hop, energies };
}

/** Mean-square power of each window of `hopsPerWindow` hops, stepped one hop at a time. */
function windowPowers(energies: Float64Array, hop: number, hopsPerWindow: number): Float64Array {
  const count = energies.length - hopsPerWindow + 1;
  if (count <= 0) return new Float64Array(0);
  const out = new Float64Array(count);
  let sum = 0;
  for (let j = 0; j < hopsPerWindow; j++) sum += energies[j];
  const scale = 1 / (hopsPerWindow * hop);
  out[0] = sum * scale;
  for (let j = 1; j < count; j++) {
    sum += energies[j + hopsPerWindow - 1] - energies[j - 1];
    out[j] = Math.max(0, sum) * scale;
  }
  return out;
}

/** BS.1770-4 two-stage gating over 400 ms block powers. */
function gatedLoudness(blockPowers: Float64Array): number {
  const absolutePower = lufsToPower(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let count = 0;
  for (let j = 0; j < blockPowers.length; j++) {
    if (blockPowers[j] > absolutePower) {
      sum += blockPowers[j];
      count++;
    }
  }
  if (count === 0) return -Infinity;
  const relativePower = lufsToPower(powerToLufs(sum / count) + RELATIVE_GATE_LU);
  const gate = Math.max(absolutePower, relativePower);
  sum = 0;
  count = 0;
  for (let j = 0; j < blockPowers.length; j++) {
    if (blockPowers[j] > gate) {
      sum += blockPowers[j];
      count++;
    }
  }
  return count === 0 ? -Infinity : powerToLufs(sum / count);
}

/** EBU Tech 3342: spread between the 10th and 95th percentile of gated short-term loudness. */
function loudnessRange(shortTermPowers: Float64Array): number {
  const absolutePower = lufsToPower(ABSOLUTE_GATE_LUFS);
  const passed: number[] = [];
  let sum = 0;
  for (let j = 0; j < shortTermPowers.length; j++) {
    if (shortTermPowers[j] > absolutePower) {
      passed.push(shortTermPowers[j]);
      sum += shortTermPowers[j];
    }
  }
  if (passed.length === 0) return 0;
  const gate = lufsToPower(powerToLufs(sum / passed.length) - 20);
  const levels = passed
    .filter((p) => p > gate)
    .map(powerToLufs)
    .sort((a, b) => a - b);
  if (levels.length < 2) return 0;
  const at = (q: number) => levels[Math.min(levels.length - 1, Math.round(q * (levels.length - 1)))];
  return at(0.95) - at(0.1);
}

function maxLufs(powers: Float64Array): number {
  let max = 0;
  for (let j = 0; j < powers.length; j++) if (powers[j] > max) max = powers[j];
  return powerToLufs(max);
}

export function measureLoudness(buffer: AudioBuffer, options: LoudnessOptions = {}): LoudnessMeasurement {
  const { hop, energies } = kWeightedHopEnergies(buffer, options);
  const momentary = windowPowers(energies, hop, 4);
  const shortTerm = windowPowers(energies, hop, 30);
  return {
    integratedLufs: gatedLoudness(momentary),
    momentaryMaxLufs: maxLufs(momentary),
    shortTermMaxLufs: maxLufs(shortTerm),
    loudnessRangeLu: loudnessRange(shortTerm),
  };
}

/** Integrated loudness (BS.1770-4), LUFS. */
export function integratedLoudness(buffer: AudioBuffer, options: LoudnessOptions = {}): number {
  const { hop, energies } = kWeightedHopEnergies(buffer, options);
  return gatedLoudness(windowPowers(energies, hop, 4));
}
