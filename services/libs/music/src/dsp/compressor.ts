import { type AudioBuffer } from '../types';
import { dbToGain } from './decibels';

export interface CompressorOptions {
  /** dBFS. Default -18. */
  thresholdDb?: number;
  /** Default 2 (2:1). */
  ratio?: number;
  /** Width of the soft knee, dB. Default 6. */
  kneeDb?: number;
  /** Default 10 ms. */
  attackMs?: number;
  /** Default 120 ms. */
  releaseMs?: number;
  /** Gain added after compression, dB. Default 0. */
  makeupDb?: number;
  /** 'rms' follows loudness (glue); 'peak' catches transients. Default 'rms'. */
  detector?: 'rms' | 'peak';
  /** Averaging time of the RMS detector. Default 10 ms. */
  rmsWindowMs?: number;
}

export interface CompressorReport {
  /** Deepest gain reduction, dB (≤ 0). */
  maxGainReductionDb: number;
}

/**
 * Gain computer samples the detector every CONTROL_BLOCK samples (~0.36 ms at
 * 44.1 kHz, far below any musical attack) and the gain is interpolated
 * linearly in between: the logs and exponentials then cost nothing per
 * sample. The peak detector takes the block maximum so no transient slips
 * between control points.
 */
const CONTROL_BLOCK = 16;

/** Static curve with a quadratic soft knee (Giannoulis, Massberg & Reiss, JAES 2012). Returns gain change in dB (≤ 0). */
export function compressorGainDb(levelDb: number, thresholdDb: number, ratio: number, kneeDb: number): number {
  const over = levelDb - thresholdDb;
  const slope = 1 / ratio - 1;
  if (2 * over <= -kneeDb) return 0;
  if (kneeDb > 0 && 2 * Math.abs(over) <= kneeDb) {
    const x = over + kneeDb / 2;
    return (slope * x * x) / (2 * kneeDb);
  }
  return slope * over;
}

/**
 * Feed-forward stereo-linked bus compressor, in place. Both channels get the
 * same gain so the stereo image does not wander.
 */
export function compressInPlace(buffer: AudioBuffer, options: CompressorOptions = {}): CompressorReport {
  const sampleRate = buffer.sampleRate;
  const thresholdDb = options.thresholdDb ?? -18;
  const ratio = Math.max(1, options.ratio ?? 2);
  const kneeDb = Math.max(0, options.kneeDb ?? 6);
  const makeup = dbToGain(options.makeupDb ?? 0);
  const peakMode = options.detector === 'peak';
  const blockSeconds = CONTROL_BLOCK / sampleRate;
  const attack = Math.exp(-blockSeconds / Math.max(1e-5, (options.attackMs ?? 10) / 1000));
  const release = Math.exp(-blockSeconds / Math.max(1e-5, (options.releaseMs ?? 120) / 1000));
  const rmsCoef = 1 - Math.exp(-1 / (Math.max(0.1, options.rmsWindowMs ?? 10) * 0.001 * sampleRate));
  const channels = buffer.channels;
  const channelCount = channels.length;
  if (channelCount === 0) return { maxGainReductionDb: 0 };

  const maxReduction =
    channelCount <= 2
      ? compressStereoKernel(channels[0], channels[channelCount - 1], channelCount === 2, makeup, peakMode, thresholdDb, ratio, kneeDb, attack, release, rmsCoef)
      : compressChannels(channels, makeup, peakMode, thresholdDb, ratio, kneeDb, attack, release, rmsCoef);
  return { maxGainReductionDb: maxReduction };
}

/**
 * The block loop for mono and stereo (every bus here), with no inner channel
 * loop. It is its own function of typed arrays and numbers so V8 optimises it
 * as a whole rather than on-stack-replacing it inside compressInPlace, whose
 * untried tail then deoptimised on every call. `r` is `l` for mono.
 */
function compressStereoKernel(
  l: Float32Array,
  r: Float32Array,
  stereo: boolean,
  makeup: number,
  peakMode: boolean,
  thresholdDb: number,
  ratio: number,
  kneeDb: number,
  attack: number,
  release: number,
  rmsCoef: number,
): number {
  const n = l.length;
  let meanSquare = 0;
  let reductionDb = 0;
  let gain = makeup;
  let maxReduction = 0;
  for (let start = 0; start < n; start += CONTROL_BLOCK) {
    const end = Math.min(n, start + CONTROL_BLOCK);
    let blockPeak = 0;
    for (let i = start; i < end; i++) {
      const a = l[i];
      const b = r[i];
      const m = a * a > b * b ? a * a : b * b;
      if (m > blockPeak) blockPeak = m;
      meanSquare += ((a * a + b * b) * 0.5 - meanSquare) * rmsCoef;
    }
    blockPeak = Math.sqrt(blockPeak);
    const level = peakMode ? blockPeak : Math.sqrt(meanSquare);
    const levelDb = level > 1e-9 ? 20 * Math.log10(level) : -180;
    const targetDb = compressorGainDb(levelDb, thresholdDb, ratio, kneeDb);
    const coef = targetDb < reductionDb ? attack : release;
    reductionDb = targetDb + (reductionDb - targetDb) * coef;
    if (reductionDb < maxReduction) maxReduction = reductionDb;

    const nextGain = makeup * Math.pow(10, reductionDb / 20);
    const step = (nextGain - gain) / (end - start);
    let g = gain;
    for (let i = start; i < end; i++) {
      g += step;
      l[i] *= g;
    }
    if (stereo) {
      g = gain;
      for (let i = start; i < end; i++) {
        g += step;
        r[i] *= g;
      }
    }
    gain = nextGain;
  }
  return maxReduction;
}

/** The same loop for any channel count. */
function compressChannels(
  channels: Float32Array[],
  makeup: number,
  peakMode: boolean,
  thresholdDb: number,
  ratio: number,
  kneeDb: number,
  attack: number,
  release: number,
  rmsCoef: number,
): number {
  const channelCount = channels.length;
  const n = channels[0].length;
  const channelScale = 1 / channelCount;
  let meanSquare = 0;
  let reductionDb = 0;
  let gain = makeup;
  let maxReduction = 0;
  for (let start = 0; start < n; start += CONTROL_BLOCK) {
    const end = Math.min(n, start + CONTROL_BLOCK);
    let blockPeak = 0;
    for (let i = start; i < end; i++) {
      let power = 0;
      for (let c = 0; c < channelCount; c++) {
        const v = channels[c][i];
        power += v * v;
        if (v * v > blockPeak) blockPeak = v * v;
      }
      meanSquare += (power * channelScale - meanSquare) * rmsCoef;
    }
    blockPeak = Math.sqrt(blockPeak);
    const level = peakMode ? blockPeak : Math.sqrt(meanSquare);
    const levelDb = level > 1e-9 ? 20 * Math.log10(level) : -180;
    const targetDb = compressorGainDb(levelDb, thresholdDb, ratio, kneeDb);
    const coef = targetDb < reductionDb ? attack : release;
    reductionDb = targetDb + (reductionDb - targetDb) * coef;
    if (reductionDb < maxReduction) maxReduction = reductionDb;

    const nextGain = makeup * Math.pow(10, reductionDb / 20);
    const step = (nextGain - gain) / (end - start);
    for (let c = 0; c < channelCount; c++) {
      const x = channels[c];
      let g = gain;
      for (let i = start; i < end; i++) {
        g += step;
        x[i] *= g;
      }
    }
    gain = nextGain;
  }
  return maxReduction;
}
