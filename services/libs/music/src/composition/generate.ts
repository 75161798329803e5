import type { Song } from '../types';
import { buildProgression, type ProgressionChord } from '../theory/progressions';
import { renderBassPart } from './bassline';
import { renderChordPart } from './chord-part';
import { renderDrumPart } from './drums/drum-part';
import { BEATS_PER_BAR } from './feel';
import { renderMelodyPart } from './melody';
import {
  type BassParams,
  type BeatParams,
  type ChordParams,
  type MelodyParams,
  resolveBassParams,
  resolveBeatParams,
  resolveChordParams,
  resolveMelodyParams,
  type ResolvedParams,
} from './params';
import { createRandom } from './random';
import { makeSong, makeTrack } from './tracks';

/**
 * The progression every part of a request plays over. Its random stream is
 * its own, so the chords, bass and melody generated separately from the same
 * params agree.
 */
export function progressionFor(params: ResolvedParams): ProgressionChord[] {
  return buildProgression({
    key: params.key,
    style: params.genre.progression,
    bars: params.bars,
    complexity: params.complexity,
    rng: createRandom(params.seed).fork('progression'),
  });
}

/** The chord progression alone, for chord lanes and tests. */
export function generateProgression(params: ChordParams): ProgressionChord[] {
  return progressionFor(resolveChordParams(params));
}

/** A drums-only song in the genre's groove. */
export function generateBeat(params: BeatParams): Song {
  const resolved = resolveBeatParams(params);
  const lengthBeats = resolved.bars * BEATS_PER_BAR;
  const drums = renderDrumPart({
    genre: resolved.genre,
    bpm: resolved.bpm,
    bars: resolved.bars,
    complexity: resolved.complexity,
    rng: createRandom(resolved.seed).fork('drums'),
  });
  return makeSong(resolved.bpm, lengthBeats, [makeTrack('drums', drums, lengthBeats)]);
}

/** The progression, voice-led and played in the genre's comping rhythm. */
export function generateChords(params: ChordParams): Song {
  const resolved = resolveChordParams(params);
  const lengthBeats = resolved.bars * BEATS_PER_BAR;
  const chords = renderChordPart({
    genre: resolved.genre,
    bpm: resolved.bpm,
    progression: progressionFor(resolved),
    complexity: resolved.complexity,
    rng: createRandom(resolved.seed).fork('chords'),
  });
  return makeSong(resolved.bpm, lengthBeats, [makeTrack('chords', chords, lengthBeats)]);
}

/** A bassline over the progression in the genre's idiom. */
export function generateBassline(params: BassParams): Song {
  const resolved = resolveBassParams(params);
  const lengthBeats = resolved.bars * BEATS_PER_BAR;
  const bass = renderBassPart({
    genre: resolved.genre,
    bpm: resolved.bpm,
    key: resolved.key,
    progression: progressionFor(resolved),
    complexity: resolved.complexity,
    rng: createRandom(resolved.seed).fork('bass'),
  });
  return makeSong(resolved.bpm, lengthBeats, [makeTrack('bass', bass, lengthBeats)]);
}

/** A lead line over the progression, with the chord track under it when `withChords` is set. */
export function generateMelody(params: MelodyParams): Song {
  const resolved = resolveMelodyParams(params);
  const lengthBeats = resolved.bars * BEATS_PER_BAR;
  const progression = progressionFor(resolved);
  const root = createRandom(resolved.seed);
  const lead = renderMelodyPart({
    genre: resolved.genre,
    bpm: resolved.bpm,
    key: resolved.key,
    progression,
    bars: resolved.bars,
    complexity: resolved.complexity,
    rng: root.fork('melody'),
  });
  const tracks = [makeTrack('lead', lead, lengthBeats)];
  if (resolved.withChords) {
    const chords = renderChordPart({
      genre: resolved.genre,
      bpm: resolved.bpm,
      progression,
      complexity: resolved.complexity,
      rng: root.fork('chords'),
    });
    tracks.push(makeTrack('chords', chords, lengthBeats));
  }
  return makeSong(resolved.bpm, lengthBeats, tracks);
}
