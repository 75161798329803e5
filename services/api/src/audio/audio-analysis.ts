import { AudioFormatError, type AudioInfo, computePeaks, probeAudio, SNIFF_BYTES, sniffAudioFormat, type WaveformPeaks } from '@dawg/audio-analysis';
import { AUDIO_FORMATS } from '@dawg/contracts';
import { AppError } from '@dawg/platform';

/** Bytes the first look at an upload needs. */
export const HEAD_BYTES = SNIFF_BYTES;

/** Refuses bytes that do not start like a supported audio container: 415, whatever the file is called. */
export function assertAudioHead(head: Uint8Array): void {
  if (!sniffAudioFormat(head.subarray(0, HEAD_BYTES))) throw notAudio();
}

export interface AnalysedAudio {
  info: AudioInfo;
  /** Undefined when no decoder for the codec is available; the file is still stored and playable. */
  peaks: WaveformPeaks | undefined;
}

/** ~94 peaks per second at 48 kHz: enough detail for a zoomed-in waveform, small enough to fetch with the project. */
export const SAMPLES_PER_PEAK = 512;

/**
 * Decides what an upload is from its bytes alone: the container and codec,
 * duration, sample rate, channels, and waveform peaks. Unknown or unsupported
 * formats are 415; a supported container that is broken is 400 with the
 * reason (both before anything is stored).
 */
export async function analyseAudio(bytes: Uint8Array): Promise<AnalysedAudio> {
  assertAudioHead(bytes);
  try {
    const info = probeAudio(bytes);
    const peaks = await computePeaks(bytes, { samplesPerPeak: SAMPLES_PER_PEAK });
    return { info, peaks };
  } catch (err) {
    if (!(err instanceof AudioFormatError)) throw err;
    if (err.reason === 'unrecognised_format' || err.reason === 'unsupported_codec' || err.reason === 'no_audio_stream') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', err.message, { reason: err.reason, accepted: AUDIO_FORMATS });
    }
    throw new AppError('BAD_REQUEST', `The audio file is damaged: ${err.message}`, { reason: err.reason });
  }
}

function notAudio(): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not audio in a supported format (WAV, MP3, FLAC, Ogg or WebM); the type is decided from its content, not its name.', {
    accepted: AUDIO_FORMATS,
  });
}
