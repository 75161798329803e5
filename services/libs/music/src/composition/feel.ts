import type { GenreProfile } from './genres';
import type { SeededRandom } from './random';

/** Sixteenth-note steps per beat: patterns are written on this grid and turned into beats here. */
export const STEPS_PER_BEAT = 4;
export const BEATS_PER_BAR = 4;
export const STEPS_PER_BAR = STEPS_PER_BEAT * BEATS_PER_BAR;

/**
 * Jazz swing ratio by tempo: players swing hard at ballad tempos and nearly
 * even at fast ones (measured ratios run from about 3:1 slow to about 1:1
 * above 250 BPM). Linear from 2.8 at 80 BPM to 1.4 at 200 BPM.
 */
export function jazzSwingRatio(bpm: number): number {
  const ratio = 2.8 - ((bpm - 80) * 1.4) / 120;
  return Math.min(2.8, Math.max(1.4, ratio));
}

/** Long:short ratio of swung pairs for a genre at a tempo (1 = straight). */
export function swingRatio(genre: GenreProfile, bpm: number): number {
  if (!genre.swing) return 1;
  return genre.swing.ratio === 'jazz' ? jazzSwingRatio(bpm) : genre.swing.ratio;
}

/** Maps a position inside a swung pair (0..span) so the middle lands at ratio/(1+ratio) of the span. */
function swingWithinPair(position: number, span: number, ratio: number): number {
  const middle = (span * ratio) / (1 + ratio);
  const half = span / 2;
  return position <= half ? (position / half) * middle : middle + ((position - half) / half) * (span - middle);
}

export interface Feel {
  grid: 'eighth' | 'sixteenth' | 'straight';
  ratio: number;
}

export function feelFor(genre: GenreProfile, bpm: number): Feel {
  const ratio = swingRatio(genre, bpm);
  return { grid: genre.swing && ratio !== 1 ? genre.swing.grid : 'straight', ratio };
}

/** Converts a (possibly fractional) sixteenth step from bar start into beats, applying swing. */
export function stepToBeat(step: number, feel: Feel): number {
  const beat = Math.floor(step / STEPS_PER_BEAT);
  const within = step - beat * STEPS_PER_BEAT;
  if (feel.grid === 'eighth') return beat + swingWithinPair(within, STEPS_PER_BEAT, feel.ratio) / STEPS_PER_BEAT;
  if (feel.grid === 'sixteenth') {
    const pair = Math.floor(within / 2);
    return beat + (pair * 2 + swingWithinPair(within - pair * 2, 2, feel.ratio)) / STEPS_PER_BEAT;
  }
  return step / STEPS_PER_BEAT;
}

/** A human's timing error in beats; zero for genres played on the grid. */
export function timingJitter(genre: GenreProfile, rng: SeededRandom): number {
  return genre.humanize.timing === 0 ? 0 : rng.gaussian() * genre.humanize.timing;
}

/** Velocity with a human's spread, kept in MIDI's 1-127. */
export function humanVelocity(velocity: number, genre: GenreProfile, rng: SeededRandom): number {
  return Math.max(1, Math.min(127, Math.round(velocity + rng.gaussian() * genre.humanize.velocity)));
}
