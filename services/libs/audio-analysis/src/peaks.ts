import { decodeInto } from './decode';
import { PeakAccumulator, type WaveformPeaks } from './peak-accumulator';
import { probeAudio } from './probe';

export interface PeaksOptions {
  /** Frames per min/max pair. Takes precedence over peaksPerSecond. */
  samplesPerPeak?: number;
  /** Pairs per second of audio; converted to samplesPerPeak at the decoded sample rate. */
  peaksPerSecond?: number;
  /** 8 (Int8Array, half the size, enough to draw) or 16 (Int16Array, the default). */
  bits?: 8 | 16;
}

/** audiowaveform's default zoom. */
export const DEFAULT_SAMPLES_PER_PEAK = 256;

/**
 * Decodes the file and folds it into min/max pairs as it decodes (see WaveformPeaks).
 * WAV is decoded here; MP3, FLAC, Ogg (Vorbis, Opus, FLAC) and WebM/Opus by WASM
 * decoders. Resolves to undefined for WebM/Vorbis, which no npm decoder handles
 * without an Ogg remux. Throws AudioFormatError for bad input and RangeError for
 * bad options.
 */
export async function computePeaks(bytes: Uint8Array, options: PeaksOptions = {}): Promise<WaveformPeaks | undefined> {
  const info = probeAudio(bytes);
  const bits = options.bits ?? 16;
  if (bits !== 8 && bits !== 16) throw new RangeError('bits must be 8 or 16');
  const samplesPerPeak = resolveSamplesPerPeak(options, info.sampleRate);
  const expected = (info.durationSeconds * info.sampleRate) / samplesPerPeak;
  const peaks = new PeakAccumulator(info.sampleRate, samplesPerPeak, bits, expected);

  return (await decodeInto(bytes, info, peaks)) ? peaks.finish() : undefined;
}

function resolveSamplesPerPeak(options: PeaksOptions, sampleRate: number): number {
  if (options.samplesPerPeak !== undefined) {
    if (!Number.isInteger(options.samplesPerPeak) || options.samplesPerPeak < 1) {
      throw new RangeError('samplesPerPeak must be a positive integer');
    }
    return options.samplesPerPeak;
  }
  if (options.peaksPerSecond !== undefined) {
    if (!(options.peaksPerSecond > 0) || !Number.isFinite(options.peaksPerSecond)) {
      throw new RangeError('peaksPerSecond must be a positive number');
    }
    return Math.max(1, Math.round(sampleRate / options.peaksPerSecond));
  }
  return DEFAULT_SAMPLES_PER_PEAK;
}
