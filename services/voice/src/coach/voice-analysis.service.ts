import { Inject, Injectable } from '@nestjs/common';
import { AudioFormatError, decodeAudio } from '@dawg/audio-analysis';
import type { VoiceAnalysis, VoiceAnalyzeRequest } from '@dawg/contracts';
import { ApiCallError, ApiClient, AppError, type Credential } from '@dawg/platform';
import { CoachTake, toPitchEvent } from './coach-take';
import { VOICE_SETTINGS, type VoiceSettings } from './voice.settings';

/** A stored recording may be at most this large to analyse (the upload limit's default). */
const MAX_RECORDING_BYTES = 50 * 1024 * 1024;
/** The pitch track returned for drawing: one frame in this many seconds. */
const TRACK_STEP_SECONDS = 0.05;

/**
 * The coach over a stored recording: read through the api with the caller's
 * credential (so only their own audio, or their projects' audio, is
 * reachable), decoded, mixed to mono and judged exactly as a live take.
 */
@Injectable()
export class VoiceAnalysisService {
  constructor(@Inject(VOICE_SETTINGS) private readonly settings: VoiceSettings) {}

  async analyze(credential: Credential, requestId: string, request: VoiceAnalyzeRequest): Promise<VoiceAnalysis> {
    const api = new ApiClient(this.settings.apiUrl, credential, requestId);
    let bytes: Uint8Array;
    try {
      bytes = await api.bytes(`/audio/${request.audioFileId}/content`, MAX_RECORDING_BYTES);
    } catch (err) {
      if (err instanceof ApiCallError) throw new AppError(err.status === 404 ? 'NOT_FOUND' : err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'SERVICE_UNAVAILABLE', err.status === 404 ? 'The recording was not found.' : err.message);
      throw err;
    }
    let audio;
    try {
      audio = await decodeAudio(bytes, { maxSeconds: this.settings.maxTakeSeconds });
    } catch (err) {
      if (err instanceof AudioFormatError) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The recording cannot be decoded: ${err.message}`);
      throw err;
    }
    const take = new CoachTake({ sampleRate: audio.sampleRate, target: request.target, tempo: request.tempo, toleranceCents: request.toleranceCents, a4: request.a4 });
    take.push(mono(audio.channels));
    const { pendingOnsets: _pending, sessionId: _id, ...score } = take.finish(request.audioFileId);
    const every = Math.max(1, Math.round(TRACK_STEP_SECONDS / take.hopSeconds));
    const pitch = take
      .allFrames()
      .filter((_, i) => i % every === 0)
      .map(toPitchEvent);
    return { sessionId: request.audioFileId, ...score, pitch, onsetTimes: take.allOnsets() };
  }
}

function mono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const out = new Float32Array(channels[0]!.length);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i]! += channel[i]! / channels.length;
  return out;
}
