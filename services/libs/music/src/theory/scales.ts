import { type PitchClass, pitchClass, type TonicName, tonicPitchClass } from './pitch';

/**
 * Semitones above the tonic for each degree. All are seven-note scales, so
 * degrees and stacked thirds work the same way in every mode.
 */
export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  locrian: [0, 1, 3, 5, 6, 8, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'melodic-minor': [0, 2, 3, 5, 7, 9, 11],
} as const satisfies Record<string, readonly number[]>;

export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

export interface Key {
  tonic: PitchClass;
  scale: ScaleName;
  /** Spell chord symbols with flats (F, Bb, Eb... and their modes) or sharps. */
  preferFlats: boolean;
}

/** Where each mode sits in its parent major scale, used only to choose flats or sharps. */
const MODE_OFFSET_FROM_MAJOR: Record<ScaleName, number> = {
  major: 0, dorian: 2, phrygian: 4, lydian: 5, mixolydian: 7, minor: 9, locrian: 11,
  'harmonic-minor': 9, 'melodic-minor': 9,
};
const FLAT_MAJOR_KEYS = new Set([5, 10, 3, 8, 1]);

export function makeKey(tonic: TonicName, scale: ScaleName): Key {
  const tonicPc = tonicPitchClass(tonic);
  const spelledFlat = tonic.endsWith('b');
  const spelledSharp = tonic.endsWith('#');
  const parentMajor = pitchClass(tonicPc - MODE_OFFSET_FROM_MAJOR[scale]);
  return {
    tonic: tonicPc,
    scale,
    preferFlats: spelledFlat || (!spelledSharp && FLAT_MAJOR_KEYS.has(parentMajor)),
  };
}

/** Scales whose third is minor; they borrow from the parallel major and vice versa. */
export function isMinorScale(scale: ScaleName): boolean {
  return SCALES[scale][2] === 3;
}

/** The pitch class of a 1-based scale degree; degrees past 7 wrap (9 is the 2nd). */
export function degreePitchClass(key: Key, degree: number): PitchClass {
  const index = (((degree - 1) % 7) + 7) % 7;
  return pitchClass(key.tonic + SCALES[key.scale][index]!);
}

export function scalePitchClasses(key: Key): PitchClass[] {
  return SCALES[key.scale].map((interval) => pitchClass(key.tonic + interval));
}

export function isInKey(note: number, key: Key): boolean {
  return scalePitchClasses(key).includes(pitchClass(note));
}

/** Every MIDI note of the key between `low` and `high`, ascending. */
export function scaleNotesInRange(key: Key, low: number, high: number): number[] {
  const pcs = new Set(scalePitchClasses(key));
  const notes: number[] = [];
  for (let note = low; note <= high; note++) if (pcs.has(pitchClass(note))) notes.push(note);
  return notes;
}
