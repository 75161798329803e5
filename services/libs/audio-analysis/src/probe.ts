import { AudioFormatError } from './errors';
import { probeFlac } from './formats/flac';
import { probeMp3 } from './formats/mp3';
import { probeOgg } from './formats/ogg';
import { probeWav } from './formats/wav';
import { probeWebm } from './formats/webm';
import { sniffAudioFormat } from './sniff';
import { hasAscii } from './byte-reader';
import { type AudioFormat, type AudioInfo } from './types';

const PROBES: Record<AudioFormat, (bytes: Uint8Array) => AudioInfo> = {
  wav: probeWav,
  mp3: probeMp3,
  flac: probeFlac,
  ogg: probeOgg,
  webm: probeWebm,
};

/**
 * Parses the container of a whole file held in memory and returns what the DAW needs
 * to know about it. Throws AudioFormatError (and nothing else) for bytes that are not
 * a supported, well-formed audio file.
 */
export function probeAudio(bytes: Uint8Array): AudioInfo {
  const format = sniffAudioFormat(bytes) ?? bareSignature(bytes);
  if (!format) throw new AudioFormatError('unrecognised_format', 'not a WAV, MP3, FLAC, Ogg or WebM file');
  const info = PROBES[format](bytes);
  if (!Number.isFinite(info.durationSeconds) || info.durationSeconds < 0) {
    throw new AudioFormatError('malformed', `${format} file declares an impossible duration`);
  }
  return info;
}

/**
 * Sniffing refuses an Ogg or WebM file whose first page or header is damaged; when the
 * signature itself is there, the container parser says precisely what is wrong.
 */
function bareSignature(bytes: Uint8Array): AudioFormat | undefined {
  if (hasAscii(bytes, 0, 'OggS\0')) return 'ogg';
  if (hasAscii(bytes, 0, '\x1a\x45\xdf\xa3')) return 'webm';
  return undefined;
}
