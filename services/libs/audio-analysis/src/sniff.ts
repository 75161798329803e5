import { flacMarkerOffset } from './formats/flac';
import { id3v2TagSize } from './formats/id3';
import { isMpegFrameChain } from './formats/mp3';
import { type OggCodec, sniffOggCodec } from './formats/ogg';
import { isWav } from './formats/wav';
import { sniffEbmlDocType } from './formats/webm';
import { AUDIO_MIME_TYPES, type AudioFormat } from './types';

/**
 * How many leading bytes sniffing needs: pass `bytes.subarray(0, SNIFF_BYTES)` (or the
 * whole file when it is shorter). Every signature, a whole Ogg first page, an EBML
 * header and two consecutive MPEG frames fit in it.
 */
export const SNIFF_BYTES = 4096;

export interface SniffedAudio {
  format: AudioFormat;
  mimeType: string;
  /** The codec inside an Ogg file, read from its first page. */
  codec?: OggCodec;
}

/**
 * Decides the container from its magic bytes alone (never a file name). Returns
 * undefined for anything else: executables, archives, images, text, random bytes.
 * A match means "worth probing"; probeAudio is what proves the file is usable.
 */
export function sniffAudio(head: Uint8Array): SniffedAudio | undefined {
  const bytes = head.subarray(0, SNIFF_BYTES);
  const found = (format: AudioFormat, codec?: OggCodec): SniffedAudio => ({
    format,
    mimeType: AUDIO_MIME_TYPES[format],
    ...(codec ? { codec } : {}),
  });

  if (isWav(bytes)) return found('wav');
  if (flacMarkerOffset(bytes) >= 0) return found('flac');
  if (bytes[0] === 0x4f) {
    const codec = sniffOggCodec(bytes);
    return codec ? found('ogg', codec) : undefined;
  }
  if (bytes[0] === 0x1a) return sniffEbmlDocType(bytes) === 'webm' ? found('webm') : undefined;
  // A valid ID3v2 header is taken as MP3 even when the tag (cover art) outruns the head;
  // probeAudio then insists on MPEG frames after it.
  if (id3v2TagSize(bytes) > 0) return found('mp3');
  if (bytes[0] === 0xff && isMpegFrameChain(bytes, 0)) return found('mp3');
  return undefined;
}

/** The container format of `head` (see sniffAudio), or undefined. */
export function sniffAudioFormat(head: Uint8Array): AudioFormat | undefined {
  return sniffAudio(head)?.format;
}
