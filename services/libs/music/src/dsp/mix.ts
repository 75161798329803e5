import { type AudioBuffer } from '../types';
import { assertAudioBuffer, createAudioBuffer } from './audio-buffer';
import { compressInPlace, type CompressorOptions } from './compressor';
import { dbToGain } from './decibels';
import { AudioProcessingError } from './errors';
import { stereoPanMatrix } from './pan';

export interface StemMixSettings {
  /** Default 0 dB. */
  gainDb?: number;
  /** -1 hard left … +1 hard right. Default 0. */
  pan?: number;
  mute?: boolean;
}

export interface MixOptions {
  /** Glue compression on the summed bus; `true` uses the compressor's defaults. Off by default. */
  busCompression?: CompressorOptions | boolean;
}

/** Sample rate shared by every stem; throws when they disagree or there are none. */
export function commonSampleRate(stems: Record<string, AudioBuffer>): number {
  const names = Object.keys(stems);
  if (names.length === 0) throw new AudioProcessingError('INVALID_AUDIO', 'no stems to mix');
  const rate = stems[names[0]].sampleRate;
  for (const name of names) {
    assertAudioBuffer(stems[name], `stem "${name}"`);
    if (stems[name].sampleRate !== rate) {
      throw new AudioProcessingError('SAMPLE_RATE_MISMATCH', `stem "${name}" is ${stems[name].sampleRate} Hz, others ${rate} Hz`);
    }
  }
  return rate;
}

/**
 * Sums stems into one stereo buffer with per-stem gain and constant-power pan
 * (see stereoPanMatrix), then the optional bus compressor. Mono stems are
 * treated as L = R; stems may differ in length (the mix is as long as the
 * longest). Settings naming no stem are ignored. The result is floating
 * point and may exceed full scale: master() brings it into range.
 */
export function mixStems(stems: Record<string, AudioBuffer>, settings: Record<string, StemMixSettings> = {}, options: MixOptions = {}): AudioBuffer {
  const sampleRate = commonSampleRate(stems);
  let length = 0;
  for (const stem of Object.values(stems)) length = Math.max(length, stem.channels[0].length);
  const out = createAudioBuffer(sampleRate, 2, length);
  const [outL, outR] = out.channels;
  for (const [name, stem] of Object.entries(stems)) {
    const s = settings[name] ?? {};
    if (s.mute) continue;
    const m = stereoPanMatrix(s.pan ?? 0, dbToGain(s.gainDb ?? 0));
    const inL = stem.channels[0];
    const inR = stem.channels.length > 1 ? stem.channels[1] : stem.channels[0];
    addPanned(outL, outR, inL, inR, m.ll, m.lr, m.rl, m.rr);
  }
  if (options.busCompression) {
    compressInPlace(out, options.busCompression === true ? {} : options.busCompression);
  }
  return out;
}

/**
 * The per-sample sum, kept out of mixStems on purpose: a long loop inside a
 * function that also does object work gets on-stack-replaced mid-loop, and
 * the code after it (never run yet, so without type feedback) deoptimises
 * on every call. A small kernel over typed arrays and numbers tiers up once.
 */
function addPanned(outL: Float32Array, outR: Float32Array, inL: Float32Array, inR: Float32Array, ll: number, lr: number, rl: number, rr: number): void {
  for (let i = 0; i < inL.length; i++) {
    const l = inL[i];
    const r = inR[i];
    outL[i] += ll * l + lr * r;
    outR[i] += rl * l + rr * r;
  }
}
