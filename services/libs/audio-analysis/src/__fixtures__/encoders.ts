/**
 * Test-only encoders that build small, valid audio files in memory, so the tests never
 * depend on binary fixtures. MP3 comes from lamejs and Opus packets from libopus
 * (opusscript); every container around them (WAV, FLAC, Ogg, WebM) is written here.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import OpusScript from 'opusscript';

/** `channels` planes of a sine at `amplitude`, channel c phase-shifted by c·90° so channels differ. */
export function sine(frequency: number, sampleRate: number, seconds: number, amplitude: number, channels = 1): Float32Array[] {
  const frames = Math.round(sampleRate * seconds);
  return Array.from({ length: channels }, (_, c) => {
    const plane = new Float32Array(frames);
    for (let i = 0; i < frames; i++) plane[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + (c * Math.PI) / 2);
    return plane;
  });
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** Little/big-endian integer bytes. */
export function le(value: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  return out;
}
export function be(value: number, bytes: number): Uint8Array {
  return le(value, bytes).reverse();
}

function toInt16(plane: Float32Array): Int16Array {
  return Int16Array.from(plane, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
}

// ---------------------------------------------------------------- WAV

export interface WavOptions {
  sampleRate: number;
  encoding: 'pcm' | 'float';
  bits: 8 | 16 | 24 | 32 | 64;
  extensible?: boolean;
  rf64?: boolean;
  /** Insert an odd-sized chunk before fmt, to exercise pad bytes. */
  oddChunk?: boolean;
}

export function riffChunk(id: string, body: Uint8Array): Uint8Array {
  return concat([ascii(id), le(body.length, 4), body, body.length & 1 ? new Uint8Array(1) : new Uint8Array(0)]);
}

export function encodeWav(planes: Float32Array[], options: WavOptions): Uint8Array {
  const channels = planes.length;
  const frames = planes[0]!.length;
  const bytesPerSample = options.bits / 8;
  const data = new Uint8Array(frames * channels * bytesPerSample);
  const view = new DataView(data.buffer);
  let at = 0;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const v = Math.max(-1, Math.min(1, planes[c]![i]!));
      if (options.encoding === 'float') {
        if (options.bits === 32) view.setFloat32(at, v, true);
        else view.setFloat64(at, v, true);
      } else if (options.bits === 8) view.setUint8(at, Math.min(255, Math.round(v * 127) + 128));
      else if (options.bits === 16) view.setInt16(at, Math.round(v * 32767), true);
      else if (options.bits === 24) {
        const s = Math.round(v * 8388607);
        view.setUint8(at, s & 0xff);
        view.setUint8(at + 1, (s >> 8) & 0xff);
        view.setInt8(at + 2, s >> 16);
      } else view.setInt32(at, Math.round(v * 2147483647), true);
      at += bytesPerSample;
    }
  }
  const tag = options.encoding === 'float' ? 3 : 1;
  const base = concat([
    le(options.extensible ? 0xfffe : tag, 2),
    le(channels, 2),
    le(options.sampleRate, 4),
    le(options.sampleRate * channels * bytesPerSample, 4),
    le(channels * bytesPerSample, 2),
    le(options.bits, 2),
  ]);
  const fmt = options.extensible
    ? concat([base, le(22, 2), le(options.bits, 2), le(channels === 2 ? 3 : 4, 4), le(tag, 2), Uint8Array.of(0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71)])
    : base;
  const chunks: Uint8Array[] = [];
  if (options.rf64) {
    chunks.push(riffChunk('ds64', concat([le(0, 8), le(data.length, 8), le(frames, 8), le(0, 4)])));
  }
  if (options.oddChunk) chunks.push(riffChunk('LIST', ascii('INFOodd')));
  chunks.push(riffChunk('fmt ', fmt));
  const dataChunk = riffChunk('data', data);
  if (options.rf64) dataChunk.set(le(0xffffffff, 4), 4);
  chunks.push(dataChunk);
  const body = concat([ascii('WAVE'), ...chunks]);
  return concat([ascii(options.rf64 ? 'RF64' : 'RIFF'), le(options.rf64 ? 0xffffffff : body.length, 4), body]);
}

// ---------------------------------------------------------------- MP3

export function encodeMp3(planes: Float32Array[], sampleRate: number, kbps = 128): Uint8Array {
  const encoder = new Mp3Encoder(planes.length, sampleRate, kbps);
  const left = toInt16(planes[0]!);
  const right = planes[1] ? toInt16(planes[1]) : undefined;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < left.length; i += 1152) {
    parts.push(encoder.encodeBuffer(left.subarray(i, i + 1152), right?.subarray(i, i + 1152)));
  }
  parts.push(encoder.flush());
  return concat(parts.map((part) => new Uint8Array(part)));
}

/** An ID3v2.4 tag of `bodySize` zero bytes (sync-safe size). */
export function id3Tag(bodySize: number): Uint8Array {
  const size = [21, 14, 7, 0].map((shift) => (bodySize >> shift) & 0x7f);
  return concat([ascii('ID3'), Uint8Array.of(4, 0, 0, ...size), new Uint8Array(bodySize)]);
}

// ---------------------------------------------------------------- FLAC

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function flacUtf8(value: number): number[] {
  if (value < 0x80) return [value];
  if (value < 0x800) return [0xc0 | (value >> 6), 0x80 | (value & 0x3f)];
  return [0xe0 | (value >> 12), 0x80 | ((value >> 6) & 0x3f), 0x80 | (value & 0x3f)];
}

export const FLAC_BLOCK = 4096;

export function flacStreamInfo(sampleRate: number, channels: number, totalSamples: number, last: boolean): Uint8Array {
  const packed = (sampleRate << 12) | ((channels - 1) << 9) | ((16 - 1) << 4) | Math.floor(totalSamples / 2 ** 32);
  return concat([
    Uint8Array.of(last ? 0x80 : 0x00),
    be(34, 3),
    be(FLAC_BLOCK, 2),
    be(FLAC_BLOCK, 2),
    be(0, 3),
    be(0, 3),
    be(packed >>> 0, 4),
    be(totalSamples % 2 ** 32, 4),
    new Uint8Array(16),
  ]);
}

/** 16-bit FLAC frames with verbatim subframes: valid, uncompressed, easy to check. */
/** Sample rate codes real encoders write; code 0 ("see STREAMINFO") is not decodable frame by frame. */
const FLAC_RATE_CODES: Record<number, number> = { 88200: 1, 176400: 2, 192000: 3, 8000: 4, 16000: 5, 22050: 6, 24000: 7, 32000: 8, 44100: 9, 48000: 10, 96000: 11 };

export function flacFrames(planes: Float32Array[], sampleRate: number): Uint8Array[] {
  const rateCode = FLAC_RATE_CODES[sampleRate] ?? 13;
  const rateBytes = rateCode === 13 ? be(sampleRate, 2) : new Uint8Array(0);
  const channels = planes.length;
  const ints = planes.map(toInt16);
  const frames: Uint8Array[] = [];
  for (let first = 0, number = 0; first < ints[0]!.length; first += FLAC_BLOCK, number++) {
    const size = Math.min(FLAC_BLOCK, ints[0]!.length - first);
    const header = Uint8Array.of(0xff, 0xf8, 0x70 | rateCode, ((channels - 1) << 4) | (4 << 1), ...flacUtf8(number), ...be(size - 1, 2), ...rateBytes);
    const body: Uint8Array[] = [header, Uint8Array.of(crc8(header))];
    for (const plane of ints) {
      body.push(Uint8Array.of(0x02));
      const samples = new Uint8Array(size * 2);
      const view = new DataView(samples.buffer);
      for (let i = 0; i < size; i++) view.setInt16(i * 2, plane[first + i]!, false);
      body.push(samples);
    }
    const frame = concat(body);
    frames.push(concat([frame, be(crc16(frame), 2)]));
  }
  return frames;
}

export function encodeFlac(planes: Float32Array[], sampleRate: number, options: { unknownLength?: boolean } = {}): Uint8Array {
  const total = options.unknownLength ? 0 : planes[0]!.length;
  return concat([ascii('fLaC'), flacStreamInfo(sampleRate, planes.length, total, true), ...flacFrames(planes, sampleRate)]);
}

// ---------------------------------------------------------------- Ogg

const OGG_CRC = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

export interface OggPageSpec {
  packets: Uint8Array[];
  granule: number;
  serial?: number;
  sequence: number;
  bos?: boolean;
  eos?: boolean;
}

export function oggPage(spec: OggPageSpec): Uint8Array {
  const lacing: number[] = [];
  for (const packet of spec.packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const page = concat([
    ascii('OggS'),
    Uint8Array.of(0, (spec.bos ? 2 : 0) | (spec.eos ? 4 : 0)),
    le(spec.granule, 8),
    le(spec.serial ?? 0x1234, 4),
    le(spec.sequence, 4),
    le(0, 4),
    Uint8Array.of(lacing.length, ...lacing),
    ...spec.packets,
  ]);
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ OGG_CRC[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  page.set(le(crc, 4), 22);
  return page;
}

/** Lacing values a packet takes in a page's segment table. */
const segmentsOf = (packet: Uint8Array): number => Math.floor(packet.length / 255) + 1;

/**
 * Pages for a stream: headers each on their own page, then up to `perPage` audio packets
 * per page, never more than the 255 lacing values a page can hold.
 */
export function oggStream(headers: Uint8Array[], audio: { packet: Uint8Array; granuleAfter: number }[], perPage = 10, serial?: number): Uint8Array {
  const pages: Uint8Array[] = [];
  let sequence = 0;
  headers.forEach((packet, i) => pages.push(oggPage({ packets: [packet], granule: 0, sequence: sequence++, bos: i === 0, serial })));
  for (let i = 0; i < audio.length; ) {
    const group = [audio[i]!];
    let segments = segmentsOf(audio[i]!.packet);
    for (i++; i < audio.length && group.length < perPage && segments + segmentsOf(audio[i]!.packet) <= 255; i++) {
      segments += segmentsOf(audio[i]!.packet);
      group.push(audio[i]!);
    }
    pages.push(
      oggPage({
        packets: group.map((entry) => entry.packet),
        granule: group[group.length - 1]!.granuleAfter,
        sequence: sequence++,
        eos: i >= audio.length,
        serial,
      }),
    );
  }
  return concat(pages);
}

export function encodeOggFlac(planes: Float32Array[], sampleRate: number): Uint8Array {
  const first = concat([Uint8Array.of(0x7f), ascii('FLAC'), Uint8Array.of(1, 0), be(1, 2), ascii('fLaC'), flacStreamInfo(sampleRate, planes.length, planes[0]!.length, false)]);
  const comment = concat([Uint8Array.of(0x84), be(8, 3), le(0, 4), le(0, 4)]);
  let granule = 0;
  const audio = flacFrames(planes, sampleRate).map((packet, i, all) => {
    granule = i === all.length - 1 ? planes[0]!.length : granule + FLAC_BLOCK;
    return { packet, granuleAfter: granule };
  });
  return oggStream([first, comment], audio);
}

/** Opus packets of 20 ms from libopus, for `planes` at 48 kHz. */
export function opusPackets(planes: Float32Array[]): Uint8Array[] {
  const encoder = new OpusScript(48000, planes.length, OpusScript.Application.AUDIO);
  const frame = 960;
  const frames = planes[0]!.length;
  const packets: Uint8Array[] = [];
  // Encode past the end by the encoder's look-ahead so the tail is not lost.
  for (let first = 0; first < frames + OPUS_PRE_SKIP; first += frame) {
    const interleaved = new Int16Array(frame * planes.length);
    for (let i = 0; i < frame; i++) {
      for (let c = 0; c < planes.length; c++) {
        const v = planes[c]![first + i] ?? 0;
        interleaved[i * planes.length + c] = Math.round(v * 32767);
      }
    }
    packets.push(new Uint8Array(encoder.encode(Buffer.from(interleaved.buffer), frame)));
  }
  encoder.delete();
  return packets;
}

/** libopus's look-ahead at 48 kHz in the AUDIO application. */
export const OPUS_PRE_SKIP = 312;

export function opusHead(channels: number, preSkip = OPUS_PRE_SKIP): Uint8Array {
  return concat([ascii('OpusHead'), Uint8Array.of(1, channels), le(preSkip, 2), le(48000, 4), le(0, 2), Uint8Array.of(0)]);
}

export function encodeOggOpus(planes: Float32Array[]): Uint8Array {
  const tags = concat([ascii('OpusTags'), le(4, 4), ascii('test'), le(0, 4)]);
  const frames = planes[0]!.length;
  const audio = opusPackets(planes).map((packet, i, all) => ({
    packet,
    granuleAfter: i === all.length - 1 ? OPUS_PRE_SKIP + frames : (i + 1) * 960,
  }));
  return oggStream([opusHead(planes.length), tags], audio);
}

/**
 * An Ogg Vorbis stream whose setup header declares the smallest legal decoder (one
 * codebook, floor 1 with no partitions, an empty residue) and whose audio packets all
 * mark the floor unused: it decodes to exact silence, `packets - 1` × 128 samples.
 */
export function encodeOggVorbisSilence(sampleRate: number, channels: number, packets: number): Uint8Array {
  const identification = concat([
    Uint8Array.of(1),
    ascii('vorbis'),
    le(0, 4),
    Uint8Array.of(channels),
    le(sampleRate, 4),
    le(0, 4),
    le(0, 4),
    le(0, 4),
    Uint8Array.of(0xb8), // blocksizes 2^8 and 2^11
    Uint8Array.of(1),
  ]);
  const comment = concat([Uint8Array.of(3), ascii('vorbis'), le(4, 4), ascii('test'), le(0, 4), Uint8Array.of(1)]);
  const bits = new BitWriter();
  bits.write(0, 8); // 1 codebook
  bits.write(0x564342, 24).write(1, 16).write(2, 24).write(0, 1).write(0, 1).write(0, 5).write(0, 5).write(0, 4);
  bits.write(0, 6).write(0, 16); // time domain transforms
  bits.write(0, 6).write(1, 16).write(0, 5).write(0, 2).write(1, 4); // floor 1, no partitions, rangebits 1
  bits.write(0, 6).write(0, 16).write(0, 24).write(0, 24).write(0, 24).write(0, 6).write(0, 8).write(0, 3).write(0, 1); // residue 0
  bits.write(0, 6).write(0, 16).write(0, 1).write(0, 1).write(0, 2).write(0, 8).write(0, 8).write(0, 8); // mapping 0
  bits.write(0, 6).write(0, 1).write(0, 16).write(0, 16).write(0, 8); // mode 0: short blocks
  bits.write(1, 1); // framing
  const setup = concat([Uint8Array.of(5), ascii('vorbis'), bits.bytes()]);
  // Audio packet: type bit 0, no mode bits (one mode), then per channel "floor unused".
  const silent = new BitWriter().write(0, 1 + channels).bytes();
  const audio = Array.from({ length: packets }, (_, i) => ({ packet: silent, granuleAfter: i * 128 }));
  return oggStream([identification, comment, setup], audio);
}

class BitWriter {
  private readonly out: number[] = [];
  private bit = 0;

  /** Vorbis packs values least-significant bit first. */
  write(value: number, count: number): this {
    for (let i = 0; i < count; i++) {
      if (this.bit === 0) this.out.push(0);
      if (Math.floor(value / 2 ** i) & 1) this.out[this.out.length - 1]! |= 1 << this.bit;
      this.bit = (this.bit + 1) & 7;
    }
    return this;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out.length ? this.out : [0]);
  }
}

// ---------------------------------------------------------------- WebM

/** An EBML element with an 8-byte size, or the unknown size when `size` is 'unknown'. */
export function ebml(id: number, ...body: (Uint8Array | 'unknown')[]): Uint8Array {
  const unknown = body.includes('unknown');
  const payload = concat(body.filter((part): part is Uint8Array => part !== 'unknown'));
  const idBytes = be(id, Math.ceil(Math.log2(id + 1) / 8));
  const size = unknown ? Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) : concat([Uint8Array.of(0x01), be(payload.length, 7)]);
  return concat([idBytes, size, payload]);
}

export const uint = (id: number, value: number): Uint8Array => ebml(id, be(value, 4));
export const float64 = (id: number, value: number): Uint8Array => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, false);
  return ebml(id, bytes);
};

export interface WebmOptions {
  docType?: string;
  /** Omit Info/Duration and use unknown sizes, as MediaRecorder does. */
  live?: boolean;
  codecId?: string;
}

export function encodeWebmOpus(planes: Float32Array[], options: WebmOptions = {}): Uint8Array {
  const packets = opusPackets(planes);
  const durationMs = (planes[0]!.length / 48000) * 1000;
  const header = ebml(0x1a45dfa3, uint(0x4286, 1), ebml(0x4282, ascii(options.docType ?? 'webm')));
  const info = ebml(0x1549a966, uint(0x2ad7b1, 1_000_000), ...(options.live ? [] : [float64(0x4489, durationMs)]));
  const track = ebml(
    0xae,
    uint(0xd7, 1),
    uint(0x83, 2),
    ebml(0x86, ascii(options.codecId ?? 'A_OPUS')),
    ebml(0x63a2, opusHead(planes.length)),
    ebml(0xe1, float64(0xb5, 48000), uint(0x9f, planes.length)),
  );
  // Two clusters, so an unknown-size cluster has to end at the next one.
  const half = Math.ceil(packets.length / 2);
  const cluster = (from: number, to: number): Uint8Array => {
    const base = from * 20;
    const blocks = packets.slice(from, to).map((packet, i) => ebml(0xa3, Uint8Array.of(0x81), be(i * 20, 2), Uint8Array.of(0x80), packet));
    return ebml(0x1f43b675, ...(options.live ? ['unknown' as const] : []), uint(0xe7, base), ...blocks);
  };
  const segment = ebml(0x18538067, ...(options.live ? ['unknown' as const] : []), info, ebml(0x1654ae6b, track), cluster(0, half), cluster(half, packets.length));
  return concat([header, segment]);
}
