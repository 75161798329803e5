/**
 * Pitch classes and note names. A pitch class is 0-11 with C = 0; MIDI
 * note 60 is middle C (C4).
 */

export type PitchClass = number;

/** Tonic names a caller may ask for: the naturals plus one sharp or flat spelling of each black key. */
export const TONIC_NAMES = [
  'C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B',
] as const;
export type TonicName = (typeof TONIC_NAMES)[number];

const NATURAL_PITCH_CLASSES: Record<string, PitchClass> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
const FLAT_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

/** Wraps any integer into 0-11 (JavaScript's % keeps the sign of negatives). */
export function pitchClass(note: number): PitchClass {
  return ((note % 12) + 12) % 12;
}

export function tonicPitchClass(name: TonicName): PitchClass {
  const natural = NATURAL_PITCH_CLASSES[name[0]!]!;
  const accidental = name.length > 1 ? (name[1] === '#' ? 1 : -1) : 0;
  return pitchClass(natural + accidental);
}

export function pitchClassName(pc: PitchClass, preferFlats: boolean): string {
  return (preferFlats ? FLAT_NAMES : SHARP_NAMES)[pitchClass(pc)]!;
}

/** The nearest MIDI note with this pitch class at or above `floor`. */
export function noteAtOrAbove(pc: PitchClass, floor: number): number {
  return floor + pitchClass(pc - floor);
}
