import type { AudioBuffer } from '../types';
import { dbToGain } from './decibels';

/**
 * Linear-interpolation sample-rate conversion. Good enough to measure and
 * preview a user's tracks at one rate (it softens the top octave a little);
 * not a mastering-grade converter. Returns the input when the rate matches.
 */
export function resample(buffer: AudioBuffer, sampleRate: number): AudioBuffer {
  if (buffer.sampleRate === sampleRate) return buffer;
  const ratio = buffer.sampleRate / sampleRate;
  const frames = Math.round((buffer.channels[0]!.length * sampleRate) / buffer.sampleRate);
  const channels = buffer.channels.map((input) => {
    const out = new Float32Array(frames);
    const last = input.length - 1;
    for (let i = 0; i < frames; i++) {
      const at = i * ratio;
      const j = Math.floor(at);
      const frac = at - j;
      out[i] = input[j]! + (input[Math.min(j + 1, last)]! - input[j]!) * frac;
    }
    return out;
  });
  return { sampleRate, channels };
}

/** One audio clip placed on a track, in seconds. */
export interface TimelineClip {
  audio: AudioBuffer;
  startSeconds: number;
  durationSeconds: number;
  /** Where in the audio the clip starts. */
  sourceOffsetSeconds?: number;
  gainDb?: number;
  fadeInSeconds?: number;
  fadeOutSeconds?: number;
}

/**
 * Renders each track's audio clips where they sit on the timeline, as one
 * stereo buffer per track, all the same length (the end of the last clip):
 * the stems of a user's own project, ready for loudness measurement, auto-mix
 * and a preview mixdown. Clip audio is resampled to `sampleRate`, mono is
 * copied to both sides, clip gain and linear fades are applied, and
 * overlapping clips on one track add.
 */
export function renderAudioTimeline(tracks: Record<string, readonly TimelineClip[]>, sampleRate: number): Record<string, AudioBuffer> {
  const end = Math.max(0, ...Object.values(tracks).flatMap((clips) => clips.map((c) => c.startSeconds + c.durationSeconds)));
  const frames = Math.ceil(end * sampleRate);
  const stems: Record<string, AudioBuffer> = {};
  for (const [name, clips] of Object.entries(tracks)) {
    const out = [new Float32Array(frames), new Float32Array(frames)];
    for (const clip of clips) placeClip(out, clip, sampleRate);
    stems[name] = { sampleRate, channels: out };
  }
  return stems;
}

function placeClip(out: Float32Array[], clip: TimelineClip, sampleRate: number): void {
  const audio = resample(clip.audio, sampleRate);
  const start = Math.round(clip.startSeconds * sampleRate);
  const offset = Math.round((clip.sourceOffsetSeconds ?? 0) * sampleRate);
  const available = audio.channels[0]!.length - offset;
  const length = Math.max(0, Math.min(Math.round(clip.durationSeconds * sampleRate), available, out[0]!.length - start));
  const gain = dbToGain(clip.gainDb ?? 0);
  const fadeIn = Math.round((clip.fadeInSeconds ?? 0) * sampleRate);
  const fadeOut = Math.round((clip.fadeOutSeconds ?? 0) * sampleRate);
  for (let c = 0; c < 2; c++) {
    const source = audio.channels[Math.min(c, audio.channels.length - 1)]!;
    const target = out[c]!;
    for (let i = 0; i < length; i++) {
      let g = gain;
      if (i < fadeIn) g *= i / fadeIn;
      if (length - i <= fadeOut) g *= (length - i) / fadeOut;
      target[start + i]! += source[offset + i]! * g;
    }
  }
}
