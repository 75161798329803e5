import { type AudioBuffer } from '../types';
import { assertAudioBuffer } from './audio-buffer';
import { AudioProcessingError } from './errors';
import { Xorshift32 } from './prng';

export type WavBitDepth = 16 | 24;

export interface WavEncodeOptions {
  bitDepth: WavBitDepth;
  /** TPDF dither of ±1 LSB before rounding; applies to 16-bit only (24-bit noise floor is already below any DAC). Default true for 16-bit. */
  dither?: boolean;
  /** Seed of the dither noise, so an encode is reproducible. */
  ditherSeed?: number;
}

const HEADER_BYTES = 44;

/**
 * Encodes a RIFF/WAVE file with a plain PCM (format 1) `fmt ` chunk and a
 * `data` chunk, little-endian, channels interleaved. Samples outside [-1, 1]
 * are clipped rather than wrapped. An odd-sized data chunk gets the pad byte
 * RIFF requires (counted in the RIFF size, not in the data size).
 */
export function encodeWav(buffer: AudioBuffer, options: WavEncodeOptions): Uint8Array {
  assertAudioBuffer(buffer);
  const bitDepth = options.bitDepth;
  if (bitDepth !== 16 && bitDepth !== 24) {
    throw new AudioProcessingError('UNSUPPORTED_WAV', `bit depth ${String(bitDepth)} is not supported (16 or 24)`);
  }
  const channels = buffer.channels;
  const channelCount = channels.length;
  const frames = channels[0].length;
  const bytesPerSample = bitDepth / 8;
  const blockAlign = channelCount * bytesPerSample;
  const dataBytes = frames * blockAlign;
  const pad = dataBytes % 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes + pad);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes + pad, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, buffer.sampleRate, true);
  view.setUint32(28, buffer.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitDepth, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);

  const full = bitDepth === 16 ? 32767 : 8388607;
  const min = -full - 1;
  const dither = bitDepth === 16 && (options.dither ?? true);
  const noise = new Xorshift32(options.ditherSeed ?? 0x5eed);
  for (let c = 0; c < channelCount; c++) {
    const x = channels[c];
    let offset = HEADER_BYTES + c * bytesPerSample;
    for (let i = 0; i < frames; i++, offset += blockAlign) {
      let v = x[i] * full;
      // Sum of two uniform ±0.5 LSB values: triangular, ±1 LSB.
      if (dither) v += 0.5 * (noise.nextSigned() + noise.nextSigned());
      let q = Math.round(v);
      if (q > full) q = full;
      else if (q < min) q = min;
      else if (q !== q) q = 0; // NaN never reaches the file
      bytes[offset] = q & 0xff;
      bytes[offset + 1] = (q >> 8) & 0xff;
      if (bytesPerSample === 3) bytes[offset + 2] = (q >> 16) & 0xff;
    }
  }
  return bytes;
}

export interface DecodedWav extends AudioBuffer {
  bitDepth: number;
}

/**
 * Reads PCM (16/24/32-bit integer, format 1 or WAVE_FORMAT_EXTENSIBLE) and
 * 32-bit float WAV files; other chunks are skipped. Integers are scaled by
 * the same full-scale value encodeWav multiplies by (2^(bits-1) - 1), so a
 * round trip is exact up to quantisation.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new AudioProcessingError('INVALID_WAV', 'not a RIFF/WAVE file');
  }
  let format = 0;
  let channelCount = 0;
  let sampleRate = 0;
  let bitDepth = 0;
  let dataOffset = -1;
  let dataBytes = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channelCount = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bitDepth = view.getUint16(body + 14, true);
      if (format === 0xfffe && size >= 40) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      dataOffset = body;
      dataBytes = Math.min(size, bytes.length - body);
      break;
    }
    offset = body + size + (size % 2);
  }
  if (dataOffset < 0 || channelCount === 0) throw new AudioProcessingError('INVALID_WAV', 'missing fmt or data chunk');
  const isFloat = format === 3 && bitDepth === 32;
  if (!(format === 1 && [16, 24, 32].includes(bitDepth)) && !isFloat) {
    throw new AudioProcessingError('UNSUPPORTED_WAV', `format ${format} at ${bitDepth} bits is not supported`);
  }
  const bytesPerSample = bitDepth / 8;
  const blockAlign = bytesPerSample * channelCount;
  const frames = Math.floor(dataBytes / blockAlign);
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    const out = new Float32Array(frames);
    let p = dataOffset + c * bytesPerSample;
    for (let i = 0; i < frames; i++, p += blockAlign) {
      if (isFloat) out[i] = view.getFloat32(p, true);
      else if (bitDepth === 16) out[i] = view.getInt16(p, true) / 32767;
      else if (bitDepth === 24) out[i] = (((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8) / 8388607;
      else out[i] = view.getInt32(p, true) / 2147483647;
    }
    channels.push(out);
  }
  return { sampleRate, channels, bitDepth };
}
