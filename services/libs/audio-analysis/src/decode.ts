import { decodeFlac, decodeMpeg, decodeOgg, decodeWebm } from './decoders';
import { AudioFormatError } from './errors';
import { decodeWav } from './formats/wav';
import { type PcmSink } from './peak-accumulator';
import { probeAudio } from './probe';
import type { AudioInfo } from './types';

/** Decoded audio: one Float32Array of samples in [-1, 1] per channel, all the same length. */
export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/**
 * Feeds a file's PCM into `sink`, a block at a time, with the decoder its
 * probed format needs. Resolves to false for WebM/Vorbis, which no npm
 * decoder handles. Shared by the waveform peaks and whole-file decoding.
 */
export async function decodeInto(bytes: Uint8Array, info: AudioInfo, sink: PcmSink): Promise<boolean> {
  switch (info.format) {
    case 'wav':
      decodeWav(bytes, sink);
      return true;
    case 'mp3':
      await decodeMpeg(bytes, sink);
      return true;
    case 'flac':
      await decodeFlac(bytes, sink);
      return true;
    case 'ogg':
      await decodeOgg(bytes, sink);
      return true;
    case 'webm': {
      const decoding = decodeWebm(bytes, sink);
      if (!decoding) return false;
      await decoding;
      return true;
    }
  }
}

/** Collects blocks into whole channels, growing by doubling; stops taking audio past `maxFrames`. */
class PcmCollector implements PcmSink {
  frames = 0;
  private planes: Float32Array[] = [];

  constructor(
    private readonly channelCount: number,
    expectedFrames: number,
    private readonly maxFrames: number,
  ) {
    const initial = Math.max(1, Math.min(maxFrames, Math.ceil(expectedFrames) + 1));
    this.planes = Array.from({ length: channelCount }, () => new Float32Array(initial));
  }

  write(channels: readonly Float32Array[], frames: number): void {
    const take = Math.min(frames, this.maxFrames - this.frames);
    if (take <= 0) return;
    if (this.frames + take > this.planes[0]!.length) {
      const size = Math.min(this.maxFrames, Math.max(this.frames + take, this.planes[0]!.length * 2));
      this.planes = this.planes.map((plane) => {
        const grown = new Float32Array(size);
        grown.set(plane.subarray(0, this.frames));
        return grown;
      });
    }
    for (let c = 0; c < this.channelCount; c++) {
      // A decoder that reports fewer channels than the header (or more) is mapped by index, missing ones repeating the first.
      const source = channels[c] ?? channels[0]!;
      this.planes[c]!.set(source.subarray(0, take), this.frames);
    }
    this.frames += take;
  }

  result(): Float32Array[] {
    return this.planes.map((plane) => plane.slice(0, this.frames));
  }
}

/**
 * Decodes a whole file (WAV, MP3, FLAC, Ogg Vorbis/Opus/FLAC, WebM/Opus) to
 * PCM at its own sample rate. `maxSeconds` bounds the memory a long file can
 * take (the rest is not kept). Throws AudioFormatError for input it cannot
 * decode, WebM/Vorbis included.
 */
export async function decodeAudio(bytes: Uint8Array, options: { maxSeconds?: number } = {}): Promise<DecodedAudio> {
  const info = probeAudio(bytes);
  const maxFrames = Math.floor((options.maxSeconds ?? Infinity) * info.sampleRate);
  const collector = new PcmCollector(info.channels, info.durationSeconds * info.sampleRate, Number.isFinite(maxFrames) ? maxFrames : Number.MAX_SAFE_INTEGER);
  if (!(await decodeInto(bytes, info, collector))) throw new AudioFormatError('decode_failed', 'WebM with Vorbis audio cannot be decoded here');
  if (collector.frames === 0) throw new AudioFormatError('decode_failed', 'the file holds no audio');
  return { sampleRate: info.sampleRate, channels: collector.result() };
}
