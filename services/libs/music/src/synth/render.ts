import { type AudioBuffer, type Song } from '../types';
import { AudioProcessingError } from '../dsp/errors';
import { hashSeed } from '../dsp/prng';
import { renderBassTrack } from './bass';
import { renderDrumTrack } from './drum-kit';
import { BASS_PATCH, polyPatchFor } from './patches';
import { renderPolyTrack } from './poly-synth';
import { type TrackRenderContext } from './render-context';

export type RenderSampleRate = 44100 | 48000;

/** Narrows a number (from a request or config) to a rate the renderer supports. */
export function isRenderSampleRate(rate: number): rate is RenderSampleRate {
  return rate === 44100 || rate === 48000;
}

export interface RenderOptions {
  sampleRate: RenderSampleRate;
  /** Extra time after the last beat for releases and cymbals to ring out, s. Default 2. */
  tailSeconds?: number;
}

export interface RenderResult {
  /** One stereo stem per track, keyed by track name, all the same length. */
  stems: Record<string, AudioBuffer>;
  /** Length of every stem in seconds: frames / sampleRate. */
  durationSeconds: number;
  /** Length of every stem in samples: ceil((lengthBeats · 60 / bpm + tailSeconds) · sampleRate). */
  frames: number;
}

export const DEFAULT_TAIL_SECONDS = 2;
/** Longest single drum hit (a crash) plus margin; sizes the per-voice scratch. */
const SCRATCH_SECONDS = 2.5;

/** Number of samples in every stem of a render. */
export function renderFrames(song: Song, sampleRate: number, tailSeconds = DEFAULT_TAIL_SECONDS): number {
  return Math.ceil(((song.lengthBeats * 60) / song.bpm + tailSeconds) * sampleRate);
}

function validate(song: Song, options: RenderOptions): void {
  if (!isRenderSampleRate(options.sampleRate)) {
    throw new AudioProcessingError('UNSUPPORTED_SAMPLE_RATE', `sample rate ${String(options.sampleRate)} is not supported (44100 or 48000)`);
  }
  if (!(song.bpm > 0) || !Number.isFinite(song.bpm)) throw new AudioProcessingError('INVALID_SONG', 'bpm must be a positive number');
  if (!(song.lengthBeats >= 0) || !Number.isFinite(song.lengthBeats)) {
    throw new AudioProcessingError('INVALID_SONG', 'lengthBeats must be a non-negative number');
  }
  const tail = options.tailSeconds ?? DEFAULT_TAIL_SECONDS;
  if (!(tail >= 0) || !Number.isFinite(tail)) throw new AudioProcessingError('INVALID_SONG', 'tailSeconds must be a non-negative number');
  const names = new Set<string>();
  for (const track of song.tracks) {
    if (names.has(track.name)) throw new AudioProcessingError('INVALID_SONG', `two tracks are named "${track.name}"; stems are keyed by name`);
    names.add(track.name);
  }
}

function seedFromName(name: string): number {
  const codes: number[] = [];
  for (let i = 0; i < name.length; i++) codes.push(name.charCodeAt(i));
  return hashSeed(...codes);
}

/**
 * Renders each track of a song with the built-in synthesiser to a stereo
 * stem of exactly renderFrames(song, sampleRate, tailSeconds) samples.
 * Pure and deterministic: the same song and options give bit-identical
 * stems (noise comes from seeded generators, never Math.random). Notes that
 * start before beat 0 or after the end are skipped; anything still ringing
 * at the end of the tail is cut.
 */
export function renderSong(song: Song, options: RenderOptions): RenderResult {
  validate(song, options);
  const sampleRate = options.sampleRate;
  const frames = renderFrames(song, sampleRate, options.tailSeconds ?? DEFAULT_TAIL_SECONDS);
  const samplesPerBeat = (60 / song.bpm) * sampleRate;
  const scratch = new Float32Array(Math.ceil(SCRATCH_SECONDS * sampleRate));
  const noise = new Float32Array(scratch.length);
  const stems: Record<string, AudioBuffer> = {};

  for (const track of song.tracks) {
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    const ctx: TrackRenderContext = {
      sampleRate,
      seed: seedFromName(track.name),
      left,
      right,
      scratch,
      noise,
      beatToSample: (beat) => Math.round(beat * samplesPerBeat),
    };
    if (track.instrument === 'drums') renderDrumTrack(track.notes, ctx);
    else if (track.instrument === 'bass') renderBassTrack(track.notes, BASS_PATCH, ctx);
    else renderPolyTrack(track.notes, polyPatchFor(track.instrument), ctx);
    stems[track.name] = { sampleRate, channels: [left, right] };
  }
  return { stems, durationSeconds: frames / sampleRate, frames };
}
