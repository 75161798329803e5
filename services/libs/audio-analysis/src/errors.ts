/** Why a byte stream was refused; stable strings a transport can map to a response. */
export type AudioFormatErrorReason =
  /** No supported container signature at the start of the bytes. */
  | 'unrecognised_format'
  /** The container ends before a structure it declares (header, chunk, page, element). */
  | 'truncated'
  /** A structure is present but its fields are impossible or inconsistent. */
  | 'malformed'
  /** A valid container holding a codec or sample encoding this library does not handle. */
  | 'unsupported_codec'
  /** The container has no audio stream (e.g. a WebM with only video). */
  | 'no_audio_stream'
  /** The decoder refused the audio payload. */
  | 'decode_failed';

/**
 * The only error the parsing and decoding functions throw for bad input bytes.
 * `code` is shared by every instance so a transport can match it in one place;
 * `reason` says what was wrong.
 */
export class AudioFormatError extends Error {
  readonly code = 'AUDIO_FORMAT_INVALID';

  constructor(
    readonly reason: AudioFormatErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'AudioFormatError';
  }
}
