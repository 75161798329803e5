/** The containers an upload may be in. */
export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'ogg' | 'webm';

/** The MIME type stored and served for each container. */
export const AUDIO_MIME_TYPES: Readonly<Record<AudioFormat, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
};

/** Sample encodings inside the containers, named as ffmpeg names them. */
export type AudioCodec =
  | 'pcm_u8'
  | 'pcm_s16le'
  | 'pcm_s24le'
  | 'pcm_s32le'
  | 'pcm_f32le'
  | 'pcm_f64le'
  | 'mp1'
  | 'mp2'
  | 'mp3'
  | 'flac'
  | 'vorbis'
  | 'opus';

export interface AudioInfo {
  format: AudioFormat;
  mimeType: string;
  codec: AudioCodec;
  durationSeconds: number;
  /** The rate the audio decodes at (48000 for Opus, whatever the encoder was fed). */
  sampleRate: number;
  channels: number;
  /** Bits per sample where the codec has a fixed depth (PCM, FLAC). */
  bitsPerSample?: number;
}
