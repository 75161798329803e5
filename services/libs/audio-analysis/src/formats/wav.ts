import { ByteReader, hasAscii } from '../byte-reader';
import { AudioFormatError } from '../errors';
import { type PcmSink } from '../peak-accumulator';
import { AUDIO_MIME_TYPES, type AudioCodec, type AudioInfo } from '../types';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format tag in every KSDATAFORMAT_SUBTYPE_* GUID we accept. */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
/** A RIFF size of all ones: written by recorders that never went back to patch the header. */
const UNKNOWN_SIZE = 0xffffffff;

/** True for a RIFF/WAVE or RF64/WAVE header. */
export function isWav(head: Uint8Array): boolean {
  return (hasAscii(head, 0, 'RIFF') || hasAscii(head, 0, 'RF64')) && hasAscii(head, 8, 'WAVE');
}

export interface WavLayout {
  codec: AudioCodec;
  /** 1 = integer PCM, 3 = IEEE float. */
  sampleFormat: 1 | 3;
  channels: number;
  sampleRate: number;
  /** Bytes per sample as stored (the container size, not the valid bits). */
  bytesPerSample: number;
  /** Bits that carry signal (differs from the container size in some EXTENSIBLE files). */
  validBits: number;
  blockAlign: number;
  dataOffset: number;
  frames: number;
}

/** Reads the fmt and data chunks; throws AudioFormatError for anything it cannot decode. */
export function parseWav(bytes: Uint8Array): WavLayout {
  if (!isWav(bytes)) throw new AudioFormatError('unrecognised_format', 'not a RIFF/WAVE file');
  const reader = new ByteReader(bytes, 12, 'WAV');
  const rf64 = hasAscii(bytes, 0, 'RF64');
  let ds64DataSize: number | undefined;
  let fmt: Omit<WavLayout, 'dataOffset' | 'frames'> | undefined;
  let data: { offset: number; size: number } | undefined;

  // Chunks are walked to the end of the buffer rather than trusting the RIFF size,
  // which streaming writers leave as 0 or all ones.
  while (reader.remaining >= 8 && !(fmt && data)) {
    const id = reader.ascii(4);
    let size = reader.u32le();
    const start = reader.offset;
    if (id === 'ds64' && rf64) {
      reader.u64le(); // RIFF size
      ds64DataSize = reader.u64le();
    } else if (id === 'fmt ') {
      fmt = parseFmt(new ByteReader(bytes.subarray(start, Math.min(bytes.length, start + size)), 0, 'WAV fmt chunk'));
    } else if (id === 'data') {
      if (rf64 && size === UNKNOWN_SIZE) {
        if (ds64DataSize === undefined) throw new AudioFormatError('malformed', 'RF64 file without a ds64 chunk');
        size = ds64DataSize;
      } else if (size === UNKNOWN_SIZE) {
        size = bytes.length - start;
      }
      if (start + size > bytes.length) {
        throw new AudioFormatError('truncated', `WAV data chunk declares ${size} bytes but only ${bytes.length - start} remain`);
      }
      data = { offset: start, size };
    }
    // Chunks are padded to an even length; the pad byte is not counted in the size.
    const next = start + size + (size & 1);
    if (next > bytes.length) break;
    reader.offset = next;
  }

  if (!fmt) throw new AudioFormatError(reader.remaining < 8 ? 'truncated' : 'malformed', 'WAV file has no fmt chunk');
  if (!data) throw new AudioFormatError('truncated', 'WAV file has no data chunk');
  return { ...fmt, dataOffset: data.offset, frames: Math.floor(data.size / fmt.blockAlign) };
}

function parseFmt(reader: ByteReader): Omit<WavLayout, 'dataOffset' | 'frames'> {
  let formatTag = reader.u16le();
  const channels = reader.u16le();
  const sampleRate = reader.u32le();
  reader.u32le(); // byte rate: derived, and often wrong in the wild
  const blockAlign = reader.u16le();
  const bitsPerSample = reader.u16le();
  let validBits = bitsPerSample;

  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    const extensionSize = reader.u16le();
    if (extensionSize < 22) throw new AudioFormatError('malformed', 'WAVE_FORMAT_EXTENSIBLE without its 22-byte extension');
    validBits = reader.u16le() || bitsPerSample;
    reader.u32le(); // channel mask: placement, not needed for peaks
    formatTag = reader.u16le();
    const tail = reader.slice(14);
    if (SUBTYPE_GUID_TAIL.some((byte, i) => tail[i] !== byte)) {
      throw new AudioFormatError('unsupported_codec', 'WAVE_FORMAT_EXTENSIBLE with a non-standard subformat GUID');
    }
    if (validBits > bitsPerSample) throw new AudioFormatError('malformed', 'WAV valid bits exceed the container size');
  }

  if (channels === 0) throw new AudioFormatError('malformed', 'WAV declares 0 channels');
  if (sampleRate === 0) throw new AudioFormatError('malformed', 'WAV declares a 0 Hz sample rate');
  const codec = codecOf(formatTag, bitsPerSample);
  const bytesPerSample = bitsPerSample / 8;
  if (blockAlign !== channels * bytesPerSample) {
    throw new AudioFormatError('malformed', `WAV block align ${blockAlign} does not match ${channels} × ${bitsPerSample}-bit samples`);
  }
  return {
    codec,
    sampleFormat: formatTag as 1 | 3,
    channels,
    sampleRate,
    bytesPerSample,
    validBits,
    blockAlign,
  };
}

function codecOf(formatTag: number, bits: number): AudioCodec {
  if (formatTag === WAVE_FORMAT_PCM) {
    if (bits === 8) return 'pcm_u8';
    if (bits === 16) return 'pcm_s16le';
    if (bits === 24) return 'pcm_s24le';
    if (bits === 32) return 'pcm_s32le';
  } else if (formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits === 32) return 'pcm_f32le';
    if (bits === 64) return 'pcm_f64le';
  } else {
    throw new AudioFormatError('unsupported_codec', `WAV format tag 0x${formatTag.toString(16)} is not PCM or IEEE float`);
  }
  throw new AudioFormatError('unsupported_codec', `WAV ${bits}-bit samples are not supported for format tag ${formatTag}`);
}

export function probeWav(bytes: Uint8Array): AudioInfo {
  const wav = parseWav(bytes);
  return {
    format: 'wav',
    mimeType: AUDIO_MIME_TYPES.wav,
    codec: wav.codec,
    durationSeconds: wav.frames / wav.sampleRate,
    sampleRate: wav.sampleRate,
    channels: wav.channels,
    bitsPerSample: wav.validBits,
  };
}

/** Frames converted per block: large enough to amortise the call, small enough to stay in cache. */
const BLOCK_FRAMES = 8192;

/** Decodes the data chunk to float PCM block by block into `sink`. */
export function decodeWav(bytes: Uint8Array, sink: PcmSink): WavLayout {
  const wav = parseWav(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const readSample = sampleReader(wav, view);
  const planes = Array.from({ length: wav.channels }, () => new Float32Array(BLOCK_FRAMES));
  for (let first = 0; first < wav.frames; first += BLOCK_FRAMES) {
    const count = Math.min(BLOCK_FRAMES, wav.frames - first);
    let offset = wav.dataOffset + first * wav.blockAlign;
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < wav.channels; c++) {
        planes[c]![i] = readSample(offset);
        offset += wav.bytesPerSample;
      }
    }
    sink.write(planes, count);
  }
  return wav;
}

/** One sample at a byte offset as a float in [-1, 1). Offsets are in range: parseWav checked the chunk. */
function sampleReader(wav: WavLayout, view: DataView): (offset: number) => number {
  switch (wav.codec) {
    case 'pcm_u8':
      return (o) => (view.getUint8(o) - 128) / 128;
    case 'pcm_s16le':
      return (o) => view.getInt16(o, true) / 32768;
    case 'pcm_s24le':
      return (o) => ((view.getInt8(o + 2) << 16) | view.getUint16(o, true)) / 8388608;
    case 'pcm_s32le':
      // Fewer valid bits are left-justified in the 32-bit container, so the full-scale divisor still holds.
      return (o) => view.getInt32(o, true) / 2147483648;
    case 'pcm_f32le':
      return (o) => view.getFloat32(o, true);
    case 'pcm_f64le':
      return (o) => view.getFloat64(o, true);
    default:
      throw new AudioFormatError('unsupported_codec', `cannot decode ${wav.codec} from WAV`);
  }
}
