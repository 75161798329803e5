/**
 * MP3 encoding of a rendered mixdown with LAME (lamejs, pure JavaScript).
 * Pure: PCM in, MP3 bytes out; the export runs it in a Worker (mp3.worker.ts)
 * so a long song does not freeze the studio.
 */
import { Mp3Encoder } from '@breezystack/lamejs';

export const MP3_BITRATES = [128, 192, 256, 320] as const;
export type Mp3Bitrate = (typeof MP3_BITRATES)[number];
export const DEFAULT_MP3_BITRATE: Mp3Bitrate = 320;

/** LAME's input block: a multiple of an MPEG-1 Layer III frame (1152 samples). */
const BLOCK = 1152 * 32;

/**
 * The rate an MP3 of a project is rendered at. MP3 (MPEG-1 Layer III) stops
 * at 48 kHz: 88.2 and 96 kHz projects are rendered at half their rate.
 */
export function mp3SampleRate(projectRate: number): number {
  if (projectRate === 32_000 || projectRate === 44_100 || projectRate === 48_000) return projectRate;
  if (projectRate === 88_200) return 44_100;
  if (projectRate === 96_000) return 48_000;
  return 44_100;
}

/** Float samples (−1..1) to 16-bit, clipped. */
function toInt16(source: Float32Array, from: number, count: number, target: Int16Array): Int16Array {
  for (let i = 0; i < count; i++) {
    const s = source[from + i]!;
    target[i] = s >= 1 ? 32_767 : s <= -1 ? -32_768 : Math.round(s * 32_767);
  }
  return target.subarray(0, count);
}

/** Mono or stereo PCM to a constant-bitrate MP3; `onProgress` gets the fraction done now and then. */
export function encodeMp3(channels: readonly Float32Array[], sampleRate: number, kbps: Mp3Bitrate, onProgress?: (fraction: number) => void): Uint8Array {
  const [left, right] = channels;
  if (!left) throw new Error('There is no audio to encode.');
  const encoder = new Mp3Encoder(right ? 2 : 1, sampleRate, kbps);
  const frames = left.length;
  const leftBlock = new Int16Array(BLOCK);
  const rightBlock = new Int16Array(BLOCK);
  const chunks: Uint8Array[] = [];
  // lamejs answers views of its own working buffer: each is copied before the next call.
  const keep = (out: Uint8Array | Int8Array) => out.length && chunks.push(new Uint8Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)));
  let reported = 0;
  for (let start = 0; start < frames; start += BLOCK) {
    const count = Math.min(BLOCK, frames - start);
    keep(encoder.encodeBuffer(toInt16(left, start, count, leftBlock), right ? toInt16(right, start, count, rightBlock) : undefined));
    const done = (start + count) / frames;
    if (onProgress && done - reported >= 0.02) {
      reported = done;
      onProgress(done);
    }
  }
  keep(encoder.flush());
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
