import { ByteReader } from '../byte-reader';
import { AudioFormatError } from '../errors';
import { AUDIO_MIME_TYPES, type AudioInfo } from '../types';
import { type OpusHead, parseOpusHead } from './ogg';

// Element ids (with their length marker, as the Matroska spec writes them).
const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  BitDepth: 0x6264,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** Segment children: one of these inside an unknown-size Cluster means the Cluster has ended. */
const SEGMENT_CHILDREN = new Set([0x1f43b675, 0x1c53bb6b, 0x1254c367, 0x1549a966, 0x1654ae6b, 0x114d9b74, 0x1043a770, 0x1941a469]);
const TRACK_TYPE_AUDIO = 2;

interface ElementHeader {
  id: number;
  dataOffset: number;
  /** Exclusive end of the data; for an unknown size, the end of the enclosing range. */
  end: number;
  unknownSize: boolean;
}

/** Reads an element header; sizes are checked against `limit` (the parent's end). */
function readElementHeader(bytes: Uint8Array, at: number, limit: number): ElementHeader {
  const reader = new ByteReader(bytes.subarray(0, limit), at, 'WebM element');
  const first = reader.u8();
  const idLength = leadingZeros(first) + 1;
  if (idLength > 4) throw new AudioFormatError('malformed', `invalid EBML element id at offset ${at}`);
  let id = first;
  for (let i = 1; i < idLength; i++) id = id * 256 + reader.u8();
  const sizeFirst = reader.u8();
  const sizeLength = leadingZeros(sizeFirst) + 1;
  if (sizeLength > 8) throw new AudioFormatError('malformed', `invalid EBML size at offset ${at}`);
  let size = sizeFirst & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = reader.u8();
    allOnes &&= byte === 0xff;
    size = size * 256 + byte;
  }
  if (allOnes) return { id, dataOffset: reader.offset, end: limit, unknownSize: true };
  if (!Number.isSafeInteger(size)) throw new AudioFormatError('malformed', 'EBML element size out of range');
  const end = reader.offset + size;
  if (end > limit) throw new AudioFormatError('truncated', `EBML element 0x${id.toString(16)} runs past the end of its parent`);
  return { id, dataOffset: reader.offset, end, unknownSize: false };
}

function leadingZeros(byte: number): number {
  return byte === 0 ? 8 : Math.clz32(byte) - 24;
}

function* children(bytes: Uint8Array, from: number, to: number): Generator<ElementHeader> {
  for (let at = from; at < to; ) {
    const element = readElementHeader(bytes, at, to);
    yield element;
    at = element.end;
  }
}

function readUint(bytes: Uint8Array, element: ElementHeader): number {
  const length = element.end - element.dataOffset;
  if (length > 7) throw new AudioFormatError('malformed', 'EBML unsigned integer too long');
  let value = 0;
  for (let i = element.dataOffset; i < element.end; i++) value = value * 256 + bytes[i]!;
  return value;
}

function readFloat(bytes: Uint8Array, element: ElementHeader): number {
  const reader = new ByteReader(bytes, element.dataOffset, 'EBML float');
  const length = element.end - element.dataOffset;
  if (length === 4) return reader.f32be();
  if (length === 8) return reader.f64be();
  if (length === 0) return 0;
  throw new AudioFormatError('malformed', `EBML float of ${length} bytes`);
}

function readString(bytes: Uint8Array, element: ElementHeader): string {
  return new ByteReader(bytes, element.dataOffset).ascii(element.end - element.dataOffset).replace(/\0+$/, '');
}

/** The EBML header's DocType, or undefined if `head` does not start with a readable EBML header. Never throws. */
export function sniffEbmlDocType(head: Uint8Array): string | undefined {
  try {
    const header = readElementHeader(head, 0, head.length);
    if (header.id !== ID.EBML || header.unknownSize) return undefined;
    for (const child of children(head, header.dataOffset, header.end)) {
      if (child.id === ID.DocType) return readString(head, child);
    }
  } catch {
    // A head too short or too damaged to hold an EBML header is simply not WebM.
  }
  return undefined;
}

export type WebmCodec = 'opus' | 'vorbis';

export interface WebmAudioTrack {
  number: number;
  codec: WebmCodec;
  codecPrivate?: Uint8Array;
  sampleRate: number;
  channels: number;
  bitDepth?: number;
}

export interface WebmLayout {
  segmentStart: number;
  segmentEnd: number;
  timecodeScale: number;
  /** In nanoseconds, from Segment/Info, when the muxer wrote it. */
  durationNs?: number;
  track: WebmAudioTrack;
  opusHead?: OpusHead;
}

export function parseWebm(bytes: Uint8Array): WebmLayout {
  const header = readElementHeader(bytes, 0, bytes.length);
  if (header.id !== ID.EBML) throw new AudioFormatError('unrecognised_format', 'not an EBML file');
  const docType = [...children(bytes, header.dataOffset, header.end)].find((child) => child.id === ID.DocType);
  if (!docType || readString(bytes, docType) !== 'webm') throw new AudioFormatError('unrecognised_format', 'EBML DocType is not webm');

  const segment = readElementHeader(bytes, header.end, bytes.length);
  if (segment.id !== ID.Segment) throw new AudioFormatError('malformed', 'EBML header is not followed by a Segment');
  let timecodeScale = 1_000_000;
  let duration: number | undefined;
  let track: WebmAudioTrack | undefined;
  let sawTracks = false;
  for (const child of children(bytes, segment.dataOffset, segment.end)) {
    if (child.id === ID.Info) {
      for (const field of children(bytes, child.dataOffset, child.end)) {
        if (field.id === ID.TimecodeScale) timecodeScale = readUint(bytes, field);
        else if (field.id === ID.Duration) duration = readFloat(bytes, field);
      }
    } else if (child.id === ID.Tracks) {
      sawTracks = true;
      track = findAudioTrack(bytes, child);
    } else if (child.id === ID.Cluster) {
      break; // Info and Tracks come before the first Cluster
    }
    if (child.unknownSize) break;
  }
  if (!sawTracks) throw new AudioFormatError('truncated', 'WebM file has no Tracks element before its first Cluster');
  if (!track) throw new AudioFormatError('no_audio_stream', 'WebM file has no audio track');
  if (timecodeScale === 0) throw new AudioFormatError('malformed', 'WebM TimecodeScale is 0');
  if (duration !== undefined && !(Number.isFinite(duration) && duration >= 0)) {
    throw new AudioFormatError('malformed', 'WebM Duration is not a finite, positive number');
  }
  const opusHead = track.codec === 'opus' && track.codecPrivate ? parseOpusHead(track.codecPrivate) : undefined;
  return {
    segmentStart: segment.dataOffset,
    segmentEnd: segment.end,
    timecodeScale,
    durationNs: duration === undefined ? undefined : duration * timecodeScale,
    track,
    opusHead,
  };
}

function findAudioTrack(bytes: Uint8Array, tracks: ElementHeader): WebmAudioTrack | undefined {
  for (const entry of children(bytes, tracks.dataOffset, tracks.end)) {
    if (entry.id !== ID.TrackEntry) continue;
    let number = 0;
    let type = 0;
    let codecId = '';
    let codecPrivate: Uint8Array | undefined;
    // Spec defaults when the Audio element omits them.
    let sampleRate = 8000;
    let channels = 1;
    let bitDepth: number | undefined;
    for (const field of children(bytes, entry.dataOffset, entry.end)) {
      if (field.id === ID.TrackNumber) number = readUint(bytes, field);
      else if (field.id === ID.TrackType) type = readUint(bytes, field);
      else if (field.id === ID.CodecID) codecId = readString(bytes, field);
      else if (field.id === ID.CodecPrivate) codecPrivate = bytes.subarray(field.dataOffset, field.end);
      else if (field.id === ID.Audio) {
        for (const setting of children(bytes, field.dataOffset, field.end)) {
          if (setting.id === ID.SamplingFrequency) sampleRate = readFloat(bytes, setting);
          else if (setting.id === ID.Channels) channels = readUint(bytes, setting);
          else if (setting.id === ID.BitDepth) bitDepth = readUint(bytes, setting);
        }
      }
    }
    if (type !== TRACK_TYPE_AUDIO) continue;
    const codec = codecId === 'A_OPUS' ? 'opus' : codecId === 'A_VORBIS' ? 'vorbis' : undefined;
    if (!codec) throw new AudioFormatError('unsupported_codec', `WebM audio codec ${codecId || '(none)'} is not Opus or Vorbis`);
    if (number === 0 || channels === 0 || !(sampleRate > 0)) throw new AudioFormatError('malformed', 'WebM audio track has invalid settings');
    return { number, codec, codecPrivate, sampleRate: Math.round(sampleRate), channels, bitDepth };
  }
  return undefined;
}

export interface WebmBlock {
  timestampNs: number;
  /** The frames of the block, split from any lacing. Views into the file. */
  frames: Uint8Array[];
}

/**
 * Yields the blocks of one track in file order. Clusters of unknown size (as browsers'
 * MediaRecorder writes them) end where the next Segment-level element starts. A
 * block cut off by the end of the file ends the walk instead of failing it.
 */
export function* webmBlocks(bytes: Uint8Array, layout: WebmLayout): Generator<WebmBlock> {
  const end = Math.min(layout.segmentEnd, bytes.length);
  let at = layout.segmentStart;
  while (at < end) {
    let element: ElementHeader;
    try {
      element = readElementHeader(bytes, at, end);
    } catch (error) {
      if (error instanceof AudioFormatError && error.reason === 'truncated') return;
      throw error;
    }
    if (element.id !== ID.Cluster) {
      at = element.end;
      continue;
    }
    let clusterTimecode = 0;
    let inner = element.dataOffset;
    while (inner < element.end) {
      let child: ElementHeader;
      try {
        child = readElementHeader(bytes, inner, element.end);
      } catch (error) {
        if (error instanceof AudioFormatError && error.reason === 'truncated') return;
        throw error;
      }
      if (element.unknownSize && SEGMENT_CHILDREN.has(child.id)) break;
      if (child.id === ID.Timecode) clusterTimecode = readUint(bytes, child);
      else if (child.id === ID.SimpleBlock) {
        const block = parseBlock(bytes, child, layout, clusterTimecode);
        if (block) yield block;
      } else if (child.id === ID.BlockGroup) {
        for (const part of children(bytes, child.dataOffset, child.end)) {
          if (part.id !== ID.Block) continue;
          const block = parseBlock(bytes, part, layout, clusterTimecode);
          if (block) yield block;
        }
      }
      inner = child.end;
    }
    at = inner;
  }
}

function parseBlock(bytes: Uint8Array, element: ElementHeader, layout: WebmLayout, clusterTimecode: number): WebmBlock | undefined {
  const reader = new ByteReader(bytes.subarray(0, element.end), element.dataOffset, 'WebM block');
  const track = readVint(reader);
  if (track !== layout.track.number) return undefined;
  const relative = reader.i16be();
  const flags = reader.u8();
  const timestampNs = (clusterTimecode + relative) * layout.timecodeScale;
  const lacing = (flags >> 1) & 3;
  if (lacing === 0) return { timestampNs, frames: [reader.slice(element.end - reader.offset)] };

  const count = reader.u8() + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    // Xiph lacing: each size is a run of 255s plus a final byte.
    for (let i = 0; i < count - 1; i++) {
      let size = 0;
      for (let byte = 255; byte === 255; ) size += byte = reader.u8();
      sizes.push(size);
    }
  } else if (lacing === 3) {
    // EBML lacing: the first size, then signed differences.
    let size = readVint(reader);
    sizes.push(size);
    for (let i = 1; i < count - 1; i++) {
      const start = reader.offset;
      const raw = readVint(reader);
      const length = reader.offset - start;
      size += raw - (2 ** (7 * length - 1) - 1);
      if (size < 0) throw new AudioFormatError('malformed', 'negative EBML lace size');
      sizes.push(size);
    }
  } else {
    const total = element.end - reader.offset;
    if (total % count !== 0) throw new AudioFormatError('malformed', 'fixed-size lacing does not divide the block');
    for (let i = 0; i < count - 1; i++) sizes.push(total / count);
  }
  const known = sizes.reduce((sum, size) => sum + size, 0);
  const last = element.end - reader.offset - known;
  if (last < 0) throw new AudioFormatError('malformed', 'laced frame sizes exceed the block');
  sizes.push(last);
  return { timestampNs, frames: sizes.map((size) => reader.slice(size)) };
}

/** A variable-length integer with its length marker removed (track numbers, lace sizes). */
function readVint(reader: ByteReader): number {
  const first = reader.u8();
  const length = leadingZeros(first) + 1;
  if (length > 8) throw new AudioFormatError('malformed', 'invalid EBML variable-length integer');
  let value = first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + reader.u8();
  return value;
}

/** Samples at 48 kHz in an Opus packet, from its TOC byte (RFC 6716 §3.1). */
export function opusPacketSamples(packet: Uint8Array): number {
  if (packet.length === 0) return 0;
  const toc = packet[0]!;
  const config = toc >> 3;
  const frameSamples =
    config < 12 ? [480, 960, 1920, 2880][config & 3]! : config < 16 ? [480, 960][config & 1]! : [120, 240, 480, 960][config & 3]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return frameSamples * frames;
}

export function probeWebm(bytes: Uint8Array): AudioInfo {
  const layout = parseWebm(bytes);
  const { track } = layout;
  const durationNs = layout.durationNs ?? durationFromBlocks(bytes, layout);
  const isOpus = track.codec === 'opus';
  return {
    format: 'webm',
    mimeType: AUDIO_MIME_TYPES.webm,
    codec: track.codec,
    durationSeconds: durationNs / 1e9,
    sampleRate: isOpus ? 48000 : track.sampleRate,
    channels: layout.opusHead?.channels ?? track.channels,
    ...(track.bitDepth ? { bitsPerSample: track.bitDepth } : {}),
  };
}

/**
 * MediaRecorder writes no Duration, so the end of the last block is the duration:
 * its timestamp plus, for Opus, the length its TOC byte announces.
 */
function durationFromBlocks(bytes: Uint8Array, layout: WebmLayout): number {
  let endNs = 0;
  for (const block of webmBlocks(bytes, layout)) {
    let samples = 0;
    if (layout.track.codec === 'opus') for (const frame of block.frames) samples += opusPacketSamples(frame);
    endNs = Math.max(endNs, block.timestampNs + (samples * 1e9) / 48000);
  }
  return endNs;
}
