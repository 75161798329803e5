export { decodeAudio, type DecodedAudio } from './decode';
export { AudioFormatError, type AudioFormatErrorReason } from './errors';
export { type WaveformPeaks } from './peak-accumulator';
export { computePeaks, DEFAULT_SAMPLES_PER_PEAK, type PeaksOptions } from './peaks';
export { probeAudio } from './probe';
export { SNIFF_BYTES, sniffAudio, sniffAudioFormat, type SniffedAudio } from './sniff';
export { AUDIO_MIME_TYPES, type AudioCodec, type AudioFormat, type AudioInfo } from './types';
