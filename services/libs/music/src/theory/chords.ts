import { type PitchClass, pitchClass, pitchClassName } from './pitch';
import { degreePitchClass, type Key, type ScaleName, SCALES } from './scales';

/** Semitones above the root of each chord quality. */
export const CHORD_INTERVALS = {
  major: [0, 4, 7],
  minor: [0, 3, 7],
  diminished: [0, 3, 6],
  augmented: [0, 4, 8],
  major7: [0, 4, 7, 11],
  dominant7: [0, 4, 7, 10],
  minor7: [0, 3, 7, 10],
  'half-diminished7': [0, 3, 6, 10],
  diminished7: [0, 3, 6, 9],
  'minor-major7': [0, 3, 7, 11],
  'augmented-major7': [0, 4, 8, 11],
} as const satisfies Record<string, readonly number[]>;

export type ChordQuality = keyof typeof CHORD_INTERVALS;

const SYMBOL_SUFFIX: Record<ChordQuality, string> = {
  major: '', minor: 'm', diminished: 'dim', augmented: 'aug', major7: 'maj7', dominant7: '7',
  minor7: 'm7', 'half-diminished7': 'm7b5', diminished7: 'dim7', 'minor-major7': 'm(maj7)',
  'augmented-major7': 'maj7#5',
};

export type HarmonicFunction = 'tonic' | 'predominant' | 'dominant';

export interface Chord {
  root: PitchClass;
  quality: ChordQuality;
  /** Roman numeral relative to the key: "ii7", "V/V", "bVI" (borrowed), ... */
  numeral: string;
  function: HarmonicFunction;
}

/** Tonic (I, iii, vi), predominant (ii, IV), dominant (V, vii°): the classic grouping. */
export function functionOfDegree(degree: number): HarmonicFunction {
  if (degree === 2 || degree === 4) return 'predominant';
  if (degree === 5 || degree === 7) return 'dominant';
  return 'tonic';
}

export function chordPitchClasses(chord: Pick<Chord, 'root' | 'quality'>): PitchClass[] {
  return CHORD_INTERVALS[chord.quality].map((interval) => pitchClass(chord.root + interval));
}

export function chordSymbol(chord: Pick<Chord, 'root' | 'quality'>, preferFlats: boolean): string {
  return pitchClassName(chord.root, preferFlats) + SYMBOL_SUFFIX[chord.quality];
}

/** Names a stack of thirds by its intervals above the root. */
function qualityFromIntervals(intervals: readonly number[]): ChordQuality {
  const signature = intervals.join(',');
  for (const [quality, shape] of Object.entries(CHORD_INTERVALS)) {
    if (shape.join(',') === signature) return quality as ChordQuality;
  }
  throw new Error(`no chord quality for intervals ${signature}`);
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const;

function romanNumeral(degree: number, quality: ChordQuality, prefix = ''): string {
  const upper = ROMAN[degree - 1]!;
  const isMinorish = CHORD_INTERVALS[quality][1] === 3;
  const base = isMinorish ? upper.toLowerCase() : upper;
  const decoration: Partial<Record<ChordQuality, string>> = {
    diminished: '°', augmented: '+', major7: 'maj7', dominant7: '7', minor7: '7',
    'half-diminished7': 'ø7', diminished7: '°7', 'minor-major7': '(maj7)', 'augmented-major7': '+maj7',
  };
  return prefix + base + (decoration[quality] ?? '');
}

/** Stacks thirds from the scale itself, so the quality always matches the mode. */
function stackedChord(key: Key, degree: number, seventh: boolean): { root: PitchClass; quality: ChordQuality } {
  const root = degreePitchClass(key, degree);
  const steps = seventh ? [0, 2, 4, 6] : [0, 2, 4];
  const intervals = steps.map((step) => pitchClass(degreePitchClass(key, degree + step) - root));
  return { root, quality: qualityFromIntervals(intervals) };
}

/** The chord built on a scale degree (1-7) from the key's own notes. */
export function diatonicChord(key: Key, degree: number, seventh = false): Chord {
  const { root, quality } = stackedChord(key, degree, seventh);
  return { root, quality, numeral: romanNumeral(degree, quality), function: functionOfDegree(degree) };
}

/**
 * Modal interchange: the chord on `degree` of the parallel scale (same tonic,
 * other mode), e.g. iv or bVI in a major key borrowed from minor.
 */
export function borrowedChord(key: Key, degree: number, from: ScaleName, seventh = false): Chord {
  const parallel = { ...key, scale: from };
  const { root, quality } = stackedChord(parallel, degree, seventh);
  const ownRoot = degreePitchClass(key, degree);
  const shift = pitchClass(root - ownRoot);
  const accidental = shift === 0 ? '' : shift === 11 ? 'b' : '#';
  return { root, quality, numeral: romanNumeral(degree, quality, accidental), function: functionOfDegree(degree) };
}

/**
 * The dominant of a diatonic degree ("V/V"): a major triad or dominant
 * seventh whose root is a fifth above the target's root, so it resolves down
 * a fifth into the target.
 */
export function secondaryDominant(key: Key, targetDegree: number, seventh = true): Chord {
  const target = degreePitchClass(key, targetDegree);
  const quality: ChordQuality = seventh ? 'dominant7' : 'major';
  return {
    root: pitchClass(target + 7),
    quality,
    numeral: `${seventh ? 'V7' : 'V'}/${romanNumeral(targetDegree, diatonicChord(key, targetDegree).quality)}`,
    function: 'dominant',
  };
}

/** Every diatonic chord of a mode, for UIs and tests. */
export function diatonicChords(key: Key, seventh = false): Chord[] {
  return SCALES[key.scale].map((_, index) => diatonicChord(key, index + 1, seventh));
}
