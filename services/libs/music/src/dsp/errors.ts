/** Stable codes for audio processing failures, so transports can map them in one place. */
export type AudioErrorCode =
  | 'INVALID_SONG'
  | 'INVALID_AUDIO'
  | 'SAMPLE_RATE_MISMATCH'
  | 'UNSUPPORTED_SAMPLE_RATE'
  | 'INVALID_WAV'
  | 'UNSUPPORTED_WAV';

export class AudioProcessingError extends Error {
  override readonly name = 'AudioProcessingError';
  constructor(
    readonly code: AudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}
