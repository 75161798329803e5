/** Where decoders deliver PCM, one block at a time, planar, samples in [-1, 1]. */
export interface PcmSink {
  /** `channels[c][i]` for i < frames; the arrays may be reused by the caller after the call. */
  write(channels: readonly Float32Array[], frames: number): void;
}

/**
 * Waveform peaks in the shape of BBC audiowaveform's JSON/binary format (version 2):
 * `data` interleaves one min/max pair per bucket of `samplesPerPeak` frames.
 * `channels` is always 1: each pair is the envelope across all source channels
 * (the lowest and highest sample of any channel in the bucket), which is what a
 * single-lane DAW clip draws and, unlike averaging, never hides a channel that is
 * out of phase with another.
 */
export interface WaveformPeaks {
  version: 2;
  /** The rate of the decoded audio, so `length * samplesPerPeak / sampleRate` is the duration. */
  sampleRate: number;
  samplesPerPeak: number;
  channels: 1;
  /** Number of buckets (min/max pairs); `data.length === 2 * length`. */
  length: number;
  /** 8: values in [-127, 127] (Int8Array); 16: values in [-32767, 32767] (Int16Array). */
  bits: 8 | 16;
  data: Int8Array | Int16Array;
}

/**
 * Folds PCM into min/max buckets as it arrives, so a decoder never needs the whole
 * file's PCM in memory: only the current block and the (small) peak arrays live.
 */
export class PeakAccumulator implements PcmSink {
  private readonly scale: number;
  private data: Int8Array | Int16Array;
  private length = 0;
  private min = Infinity;
  private max = -Infinity;
  private inBucket = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly samplesPerPeak: number,
    private readonly bits: 8 | 16,
    /** A guess of the bucket count (from the probe) so the output rarely reallocates. */
    expectedLength = 1024,
  ) {
    this.scale = bits === 8 ? 127 : 32767;
    this.data = this.allocate(Math.max(16, Math.ceil(expectedLength) + 1) * 2);
  }

  write(channels: readonly Float32Array[], frames: number): void {
    const spp = this.samplesPerPeak;
    let { min, max, inBucket } = this;
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < channels.length; c++) {
        const v = channels[c]![i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (++inBucket === spp) {
        this.emit(min, max);
        min = Infinity;
        max = -Infinity;
        inBucket = 0;
      }
    }
    this.min = min;
    this.max = max;
    this.inBucket = inBucket;
  }

  finish(): WaveformPeaks {
    if (this.inBucket > 0) this.emit(this.min, this.max);
    this.inBucket = 0;
    return {
      version: 2,
      sampleRate: this.sampleRate,
      samplesPerPeak: this.samplesPerPeak,
      channels: 1,
      length: this.length,
      bits: this.bits,
      data: this.data.slice(0, this.length * 2),
    };
  }

  private emit(min: number, max: number): void {
    if (this.length * 2 + 2 > this.data.length) {
      const grown = this.allocate(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length * 2] = this.quantise(min);
    this.data[this.length * 2 + 1] = this.quantise(max);
    this.length++;
  }

  private quantise(value: number): number {
    // NaN (a corrupt float WAV) draws as silence; out-of-range floats clip like a DAC would.
    if (!(value === value)) return 0;
    const clipped = value > 1 ? 1 : value < -1 ? -1 : value;
    return Math.round(clipped * this.scale);
  }

  private allocate(size: number): Int8Array | Int16Array {
    return this.bits === 8 ? new Int8Array(size) : new Int16Array(size);
  }
}
