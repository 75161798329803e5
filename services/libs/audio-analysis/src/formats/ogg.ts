import { ByteReader, hasAscii } from '../byte-reader';
import { AudioFormatError } from '../errors';
import { AUDIO_MIME_TYPES, type AudioInfo } from '../types';
import { type FlacStreamInfo, parseStreamInfo } from './flac';

export type OggCodec = 'vorbis' | 'opus' | 'flac';

export interface OggPage {
  offset: number;
  /** Flags: 1 continued packet, 2 beginning of stream, 4 end of stream. */
  headerType: number;
  /** -1 when no packet ends on this page. */
  granulePosition: number;
  serial: number;
  sequence: number;
  segments: Uint8Array;
  bodyOffset: number;
  bodyLength: number;
  /** Header plus body: the next page starts at offset + length. */
  length: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected) of a page with its CRC field taken as zero. */
export function oggPageCrc(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : page[i]!;
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }
  return crc;
}

/** Reads and CRC-checks the page at `offset`; throws AudioFormatError when it is not a whole, valid page. */
export function readOggPage(bytes: Uint8Array, offset: number): OggPage {
  if (!hasAscii(bytes, offset, 'OggS')) {
    throw new AudioFormatError(offset + 4 > bytes.length ? 'truncated' : 'malformed', `no Ogg page at offset ${offset}`);
  }
  const reader = new ByteReader(bytes, offset + 4, 'Ogg page');
  if (reader.u8() !== 0) throw new AudioFormatError('malformed', 'unknown Ogg page version');
  const headerType = reader.u8();
  const granulePosition = reader.i64leOrMinusOne();
  const serial = reader.u32le();
  const sequence = reader.u32le();
  const crc = reader.u32le();
  const segmentCount = reader.u8();
  const segments = reader.slice(segmentCount);
  let bodyLength = 0;
  for (const lacing of segments) bodyLength += lacing;
  const bodyOffset = reader.offset;
  reader.skip(bodyLength);
  const length = reader.offset - offset;
  if (oggPageCrc(bytes.subarray(offset, offset + length)) !== crc) {
    throw new AudioFormatError('malformed', `Ogg page at offset ${offset} fails its CRC check`);
  }
  return { offset, headerType, granulePosition, serial, sequence, segments, bodyOffset, bodyLength, length };
}

/** Which codec a stream's first packet announces, if it is one we decode. */
export function oggCodecOf(packet: Uint8Array): OggCodec | undefined {
  if (hasAscii(packet, 0, '\x01vorbis')) return 'vorbis';
  if (hasAscii(packet, 0, 'OpusHead')) return 'opus';
  if (hasAscii(packet, 0, '\x7fFLAC')) return 'flac';
  return undefined;
}

/** First packet of a beginning-of-stream page (always alone on its page for the codecs we handle). */
function firstPacket(bytes: Uint8Array, page: OggPage): Uint8Array {
  const size = page.segments[0] ?? 0;
  return bytes.subarray(page.bodyOffset, page.bodyOffset + Math.min(size, page.bodyLength));
}

/** Peeks at the codec in the first page, without throwing: for sniffing a file's head. */
export function sniffOggCodec(head: Uint8Array): OggCodec | undefined {
  try {
    const page = readOggPage(head, 0);
    return page.headerType & 2 ? oggCodecOf(firstPacket(head, page)) : undefined;
  } catch {
    return undefined;
  }
}

export interface OpusHead {
  channels: number;
  preSkip: number;
  mappingFamily: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMapping: number[];
}

/** Parses an OpusHead packet (RFC 7845 §5.1), from Ogg or a WebM CodecPrivate. */
export function parseOpusHead(packet: Uint8Array): OpusHead {
  if (!hasAscii(packet, 0, 'OpusHead')) throw new AudioFormatError('malformed', 'missing OpusHead');
  const reader = new ByteReader(packet, 8, 'OpusHead');
  const version = reader.u8();
  if (version >> 4 !== 0) throw new AudioFormatError('unsupported_codec', `Opus header version ${version}`);
  const channels = reader.u8();
  const preSkip = reader.u16le();
  reader.skip(4 + 2); // input sample rate (informational), output gain
  const mappingFamily = reader.u8();
  if (channels === 0) throw new AudioFormatError('malformed', 'OpusHead declares 0 channels');
  if (mappingFamily === 0) {
    if (channels > 2) throw new AudioFormatError('malformed', 'Opus mapping family 0 allows at most 2 channels');
    return { channels, preSkip, mappingFamily, streamCount: 1, coupledStreamCount: channels - 1, channelMapping: channels === 1 ? [0] : [0, 1] };
  }
  const streamCount = reader.u8();
  const coupledStreamCount = reader.u8();
  const channelMapping = Array.from(reader.slice(channels));
  if (streamCount === 0 || coupledStreamCount > streamCount) throw new AudioFormatError('malformed', 'OpusHead stream counts are invalid');
  return { channels, preSkip, mappingFamily, streamCount, coupledStreamCount, channelMapping };
}

export interface VorbisIdentification {
  channels: number;
  sampleRate: number;
}

export function parseVorbisIdentification(packet: Uint8Array): VorbisIdentification {
  const reader = new ByteReader(packet, 7, 'Vorbis identification header');
  if (reader.u32le() !== 0) throw new AudioFormatError('unsupported_codec', 'unknown Vorbis version');
  const channels = reader.u8();
  const sampleRate = reader.u32le();
  if (channels === 0 || sampleRate === 0) throw new AudioFormatError('malformed', 'Vorbis header declares 0 channels or 0 Hz');
  return { channels, sampleRate };
}

function parseOggFlacHeader(packet: Uint8Array): FlacStreamInfo {
  // 0x7F "FLAC" major minor header-count "fLaC" then a metadata block header and STREAMINFO.
  const reader = new ByteReader(packet, 5, 'Ogg FLAC header');
  if (reader.u8() !== 1) throw new AudioFormatError('unsupported_codec', 'unknown Ogg FLAC mapping version');
  reader.skip(3);
  if (reader.ascii(4) !== 'fLaC' || (reader.u8() & 0x7f) !== 0 || reader.u24be() !== 34) {
    throw new AudioFormatError('malformed', 'Ogg FLAC header does not carry STREAMINFO');
  }
  return parseStreamInfo(reader);
}

export interface OggStream {
  serial: number;
  codec: OggCodec;
  identification: Uint8Array;
}

/**
 * Finds the first audio stream we decode among the beginning-of-stream pages, which
 * all come first in a (possibly multiplexed) Ogg file.
 */
export function findOggAudioStream(bytes: Uint8Array): OggStream {
  let offset = 0;
  for (;;) {
    const page = readOggPage(bytes, offset);
    if (!(page.headerType & 2)) break;
    const packet = firstPacket(bytes, page);
    const codec = oggCodecOf(packet);
    if (codec) return { serial: page.serial, codec, identification: packet };
    offset += page.length;
  }
  throw new AudioFormatError(offset === 0 ? 'malformed' : 'unsupported_codec', 'Ogg file has no Vorbis, Opus or FLAC stream');
}

/**
 * Granule position of the last complete page of `serial`, scanning back from the end
 * so the 50 MB in between are never read. A truncated tail is skipped over.
 */
export function lastGranulePosition(bytes: Uint8Array, serial: number): number {
  for (let at = bytes.length - 27; at >= 0; at--) {
    if (bytes[at] !== 0x4f || !hasAscii(bytes, at, 'OggS')) continue;
    let page: OggPage;
    try {
      page = readOggPage(bytes, at);
    } catch {
      continue;
    }
    if (page.serial === serial && page.granulePosition >= 0) return page.granulePosition;
  }
  throw new AudioFormatError('truncated', 'Ogg stream has no page with a granule position');
}

export interface OggAudioInfo {
  info: AudioInfo;
  stream: OggStream;
  opusHead?: OpusHead;
  /** Samples (at sampleRate) the stream holds after Opus pre-skip. */
  totalSamples: number;
}

export function parseOgg(bytes: Uint8Array): OggAudioInfo {
  const stream = findOggAudioStream(bytes);
  const granule = lastGranulePosition(bytes, stream.serial);
  const base = { format: 'ogg', mimeType: AUDIO_MIME_TYPES.ogg, codec: stream.codec } as const;
  if (stream.codec === 'opus') {
    const opusHead = parseOpusHead(stream.identification);
    // Opus granules always count 48 kHz samples, including the decoder pre-skip.
    const totalSamples = Math.max(0, granule - opusHead.preSkip);
    return {
      info: { ...base, durationSeconds: totalSamples / 48000, sampleRate: 48000, channels: opusHead.channels },
      stream,
      opusHead,
      totalSamples,
    };
  }
  if (stream.codec === 'vorbis') {
    const id = parseVorbisIdentification(stream.identification);
    return { info: { ...base, durationSeconds: granule / id.sampleRate, ...id }, stream, totalSamples: granule };
  }
  const streamInfo = parseOggFlacHeader(stream.identification);
  return {
    info: {
      ...base,
      durationSeconds: granule / streamInfo.sampleRate,
      sampleRate: streamInfo.sampleRate,
      channels: streamInfo.channels,
      bitsPerSample: streamInfo.bitsPerSample,
    },
    stream,
    totalSamples: granule,
  };
}

export function probeOgg(bytes: Uint8Array): AudioInfo {
  return parseOgg(bytes).info;
}

/**
 * Yields the packets of one logical stream in order, joining packets that span pages.
 * Only a packet that spans pages is copied; the rest are views into `bytes`.
 */
export function* oggPackets(bytes: Uint8Array, serial: number): Generator<Uint8Array> {
  let offset = 0;
  let pending: Uint8Array[] = [];
  while (offset + 27 <= bytes.length) {
    let page: OggPage;
    try {
      page = readOggPage(bytes, offset);
    } catch (error) {
      // A cut-off final page ends the stream; damage before that is an error.
      if (error instanceof AudioFormatError && error.reason === 'truncated') return;
      throw error;
    }
    offset += page.length;
    if (page.serial !== serial) continue;
    if (!(page.headerType & 1)) pending = [];
    let start = page.bodyOffset;
    let size = 0;
    for (const lacing of page.segments) {
      size += lacing;
      if (lacing === 255) continue;
      const piece = bytes.subarray(start, start + size);
      if (pending.length === 0) {
        yield piece;
      } else {
        pending.push(piece);
        yield concat(pending);
        pending = [];
      }
      start += size;
      size = 0;
    }
    if (size > 0) pending.push(bytes.subarray(start, start + size));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
