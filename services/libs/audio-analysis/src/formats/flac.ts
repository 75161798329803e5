import { ByteReader, hasAscii } from '../byte-reader';
import { AudioFormatError } from '../errors';
import { AUDIO_MIME_TYPES, type AudioInfo } from '../types';
import { id3v2TagSize } from './id3';

export interface FlacStreamInfo {
  minBlockSize: number;
  maxBlockSize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it (streamed encodes). */
  totalSamples: number;
}

/** Offset of "fLaC" (after an ID3v2 tag some taggers prepend), or -1. Never throws. */
export function flacMarkerOffset(bytes: Uint8Array): number {
  const tag = id3v2TagSize(bytes);
  return hasAscii(bytes, tag, 'fLaC') ? tag : -1;
}

/** Parses the 34-byte STREAMINFO body (shared with FLAC-in-Ogg). */
export function parseStreamInfo(reader: ByteReader): FlacStreamInfo {
  const minBlockSize = reader.u16be();
  const maxBlockSize = reader.u16be();
  reader.skip(6); // min/max frame size
  const packed = reader.u32be(); // 20 bits rate, 3 bits channels-1, 5 bits bps-1, top 4 bits of total samples
  const totalLow = reader.u32be();
  reader.skip(16); // MD5
  const sampleRate = packed >>> 12;
  const channels = ((packed >>> 9) & 7) + 1;
  const bitsPerSample = ((packed >>> 4) & 31) + 1;
  const totalSamples = (packed & 15) * 0x1_0000_0000 + totalLow;
  if (sampleRate === 0) throw new AudioFormatError('malformed', 'FLAC STREAMINFO has a 0 Hz sample rate');
  if (minBlockSize < 16 || maxBlockSize < minBlockSize) {
    throw new AudioFormatError('malformed', `FLAC STREAMINFO block sizes ${minBlockSize}..${maxBlockSize} are invalid`);
  }
  if (bitsPerSample < 4) throw new AudioFormatError('malformed', `FLAC STREAMINFO declares ${bitsPerSample} bits per sample`);
  return { minBlockSize, maxBlockSize, sampleRate, channels, bitsPerSample, totalSamples };
}

export function parseFlac(bytes: Uint8Array): { streamInfo: FlacStreamInfo; firstFrameOffset: number } {
  const marker = flacMarkerOffset(bytes);
  if (marker < 0) throw new AudioFormatError('unrecognised_format', 'not a FLAC stream');
  const reader = new ByteReader(bytes, marker + 4, 'FLAC');
  let streamInfo: FlacStreamInfo | undefined;
  for (let last = false; !last; ) {
    const header = reader.u8();
    last = (header & 0x80) !== 0;
    const type = header & 0x7f;
    const length = reader.u24be();
    if (streamInfo === undefined) {
      if (type !== 0 || length !== 34) throw new AudioFormatError('malformed', 'FLAC stream does not start with STREAMINFO');
      streamInfo = parseStreamInfo(new ByteReader(reader.slice(34), 0, 'FLAC STREAMINFO'));
    } else {
      if (type === 127) throw new AudioFormatError('malformed', 'FLAC metadata block type 127 is invalid');
      reader.skip(length);
    }
  }
  if (reader.remaining < 2 || bytes[reader.offset] !== 0xff || (bytes[reader.offset + 1]! & 0xfe) !== 0xf8) {
    throw new AudioFormatError(reader.remaining < 2 ? 'truncated' : 'malformed', 'FLAC metadata is not followed by an audio frame');
  }
  return { streamInfo: streamInfo!, firstFrameOffset: reader.offset };
}

export function probeFlac(bytes: Uint8Array): AudioInfo {
  const { streamInfo, firstFrameOffset } = parseFlac(bytes);
  const totalSamples = streamInfo.totalSamples || samplesFromLastFrame(bytes, firstFrameOffset, streamInfo);
  return {
    format: 'flac',
    mimeType: AUDIO_MIME_TYPES.flac,
    codec: 'flac',
    durationSeconds: totalSamples / streamInfo.sampleRate,
    sampleRate: streamInfo.sampleRate,
    channels: streamInfo.channels,
    bitsPerSample: streamInfo.bitsPerSample,
  };
}

/**
 * When STREAMINFO does not record the length, the last frame header does: it carries
 * its own first sample (variable block size) or frame number (fixed block size).
 * Found by scanning back from the end for a header whose CRC-8 checks out.
 */
function samplesFromLastFrame(bytes: Uint8Array, firstFrameOffset: number, info: FlacStreamInfo): number {
  for (let at = bytes.length - 2; at >= firstFrameOffset; at--) {
    if (bytes[at] !== 0xff || (bytes[at + 1]! & 0xfe) !== 0xf8) continue;
    const frame = readFrameHeader(bytes, at, info);
    if (frame) return frame.firstSample + frame.blockSize;
  }
  throw new AudioFormatError('malformed', 'FLAC stream has no readable frame header');
}

function readFrameHeader(bytes: Uint8Array, at: number, info: FlacStreamInfo): { firstSample: number; blockSize: number } | undefined {
  const variable = (bytes[at + 1]! & 1) === 1;
  const reader = new ByteReader(bytes, at + 2, 'FLAC frame header');
  try {
    const blockAndRate = reader.u8();
    const sizeCode = blockAndRate >> 4;
    const rateCode = blockAndRate & 15;
    const channelsAndBits = reader.u8();
    if (sizeCode === 0 || rateCode === 15 || channelsAndBits >> 4 > 10 || (channelsAndBits & 1) === 1) return undefined;
    const number = readUtf8Number(reader);
    if (number === undefined) return undefined;
    let blockSize: number;
    if (sizeCode === 1) blockSize = 192;
    else if (sizeCode <= 5) blockSize = 576 << (sizeCode - 2);
    else if (sizeCode === 6) blockSize = reader.u8() + 1;
    else if (sizeCode === 7) blockSize = reader.u16be() + 1;
    else blockSize = 256 << (sizeCode - 8);
    if (rateCode === 12) reader.skip(1);
    else if (rateCode === 13 || rateCode === 14) reader.skip(2);
    const crc = reader.u8();
    if (crc8(bytes, at, reader.offset - 1) !== crc) return undefined;
    return { firstSample: variable ? number : number * info.minBlockSize, blockSize };
  } catch {
    return undefined; // a sync pattern too close to the end to be a header
  }
}

/** FLAC's extended UTF-8 coding of frame/sample numbers (up to 36 bits). */
function readUtf8Number(reader: ByteReader): number | undefined {
  const first = reader.u8();
  if (first < 0x80) return first;
  let extra = 0;
  for (let mask = 0x40; first & mask && extra < 7; mask >>= 1) extra++;
  if (extra === 0 || extra > 6) return undefined;
  let value = first & (0x3f >> extra);
  for (let i = 0; i < extra; i++) {
    const byte = reader.u8();
    if ((byte & 0xc0) !== 0x80) return undefined;
    value = value * 64 + (byte & 0x3f);
  }
  return value;
}

/** CRC-8, polynomial 0x07, over bytes[from, to). */
function crc8(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}
