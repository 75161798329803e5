import { ByteReader, hasAscii } from '../byte-reader';
import { AudioFormatError } from '../errors';
import { AUDIO_MIME_TYPES, type AudioCodec, type AudioInfo } from '../types';
import { id3v2TagSize } from './id3';

export interface MpegFrameHeader {
  /** 1 = MPEG-1, 2 = MPEG-2, 2.5 = MPEG-2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  samplesPerFrame: number;
  frameLength: number;
  hasCrc: boolean;
}

// Bitrates in kbit/s by [row][bitrate index]; index 0 (free format) and 15 are refused.
const BITRATES: Record<string, readonly number[]> = {
  'v1l1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  'v1l2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  'v1l3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  'v2l1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  'v2l2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] } as const;

/**
 * Parses the 4-byte MPEG audio frame header at `offset`, or returns undefined when
 * any field holds a reserved or free-format value: the sync word alone matches far
 * too much non-audio data.
 */
export function readMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | undefined {
  if (offset < 0 || offset + 4 > bytes.length) return undefined;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  if ((b3 & 3) === 2) return undefined; // reserved emphasis
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const row = version === 1 ? `v1l${layer}` : layer === 1 ? 'v2l1' : 'v2l2';
  const bitrateKbps = BITRATES[row]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[version][rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const frameLength =
    layer === 1
      ? (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return {
    version,
    layer,
    bitrateKbps,
    sampleRate,
    channels: b3 >> 6 === 3 ? 1 : 2,
    samplesPerFrame,
    frameLength,
    hasCrc: (b1 & 1) === 0,
  };
}

/**
 * True when a frame at `offset` is followed by another frame of the same stream, or
 * ends exactly at the end of `bytes`. Two consecutive headers make a false match on
 * arbitrary data vanishingly rare.
 */
export function isMpegFrameChain(bytes: Uint8Array, offset: number): boolean {
  const first = readMpegFrameHeader(bytes, offset);
  if (!first) return false;
  const nextOffset = offset + first.frameLength;
  if (nextOffset === bytes.length) return true;
  const next = readMpegFrameHeader(bytes, nextOffset);
  return next !== undefined && next.sampleRate === first.sampleRate && next.layer === first.layer;
}

/** How far past the ID3 tag a first frame is looked for (encoders pad with zeros). */
const SYNC_SEARCH_WINDOW = 64 * 1024;

/** Offset of the first audio frame: after any ID3v2 tags and padding. */
export function findFirstMpegFrame(bytes: Uint8Array): number {
  let offset = 0;
  for (let size = id3v2TagSize(bytes, offset); size > 0; size = id3v2TagSize(bytes, offset)) offset += size;
  if (offset > bytes.length) throw new AudioFormatError('truncated', 'MP3 ends inside its ID3v2 tag');
  const limit = Math.min(bytes.length - 4, offset + SYNC_SEARCH_WINDOW);
  for (let at = offset; at <= limit; at++) {
    if (bytes[at] === 0xff && isMpegFrameChain(bytes, at)) return at;
  }
  throw new AudioFormatError(offset + 4 > bytes.length ? 'truncated' : 'malformed', 'no MPEG audio frame found');
}

interface VbrSummary {
  frames: number;
  /** Encoder delay + padding from a LAME tag, trimmed by gapless decoders. */
  trimSamples: number;
}

/** Reads a Xing/Info (LAME) or VBRI header from the first frame, if it carries one. */
function readVbrHeader(bytes: Uint8Array, offset: number, header: MpegFrameHeader): VbrSummary | undefined {
  const sideInfo = header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const frameEnd = Math.min(bytes.length, offset + header.frameLength);
  const frame = bytes.subarray(0, frameEnd);
  for (const xingAt of [offset + 4 + sideInfo, offset + 6 + sideInfo]) {
    if (!hasAscii(frame, xingAt, 'Xing') && !hasAscii(frame, xingAt, 'Info')) continue;
    const reader = new ByteReader(frame, xingAt + 4, 'MP3 Xing header');
    const flags = reader.u32be();
    if (!(flags & 1)) return undefined;
    const frames = reader.u32be();
    if (flags & 2) reader.skip(4);
    if (flags & 4) reader.skip(100);
    if (flags & 8) reader.skip(4);
    let trimSamples = 0;
    // LAME extension: 9-byte version, 12 bytes of settings, then 12-bit delay and 12-bit padding.
    if (reader.remaining >= 24 && hasAscii(frame, reader.offset, 'LAME')) {
      reader.skip(21);
      const packed = reader.u24be();
      trimSamples = (packed >> 12) + (packed & 0xfff);
    }
    return { frames, trimSamples };
  }
  const vbriAt = offset + 4 + 32;
  if (hasAscii(frame, vbriAt, 'VBRI')) {
    const reader = new ByteReader(frame, vbriAt + 4, 'MP3 VBRI header');
    reader.skip(2 + 2 + 2 + 4); // version, delay, quality, byte count
    return { frames: reader.u32be(), trimSamples: 0 };
  }
  return undefined;
}

/**
 * Counts complete frames from `offset`, resynchronising past junk (ID3v1/APE tags,
 * damaged frames). Only headers are read, so this is a fast linear scan even for 50 MB.
 */
function countFrames(bytes: Uint8Array, offset: number): number {
  let frames = 0;
  let at = offset;
  while (at + 4 <= bytes.length) {
    const header = readMpegFrameHeader(bytes, at);
    if (header && at + header.frameLength <= bytes.length) {
      frames++;
      at += header.frameLength;
    } else if (header) {
      break; // truncated last frame
    } else {
      at++;
      while (at + 4 <= bytes.length && !(bytes[at] === 0xff && isMpegFrameChain(bytes, at))) at++;
    }
  }
  return frames;
}

export function probeMp3(bytes: Uint8Array): AudioInfo {
  const first = findFirstMpegFrame(bytes);
  const header = readMpegFrameHeader(bytes, first)!;
  const vbr = readVbrHeader(bytes, first, header);
  let samples: number;
  if (vbr && vbr.frames > 0) {
    samples = Math.max(0, vbr.frames * header.samplesPerFrame - vbr.trimSamples);
  } else {
    samples = countFrames(bytes, first) * header.samplesPerFrame;
    if (samples === 0) throw new AudioFormatError('truncated', 'MP3 has no complete audio frame');
  }
  return {
    format: 'mp3',
    mimeType: AUDIO_MIME_TYPES.mp3,
    codec: `mp${header.layer}` as AudioCodec,
    durationSeconds: samples / header.sampleRate,
    sampleRate: header.sampleRate,
    channels: header.channels,
  };
}
