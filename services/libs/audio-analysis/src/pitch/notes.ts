/**
 * Equal-tempered note arithmetic. MIDI 69 is A4 (440 Hz unless `a4` says
 * otherwise) and MIDI 60 is middle C (C4); names use sharps ("C#4").
 */

export const DEFAULT_A4_HZ = 440;
export const DEFAULT_TOLERANCE_CENTS = 15;

const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
const NATURALS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Continuous MIDI pitch of a frequency (69.5 is a quarter tone above A4). */
export function frequencyToMidi(frequency: number, a4 = DEFAULT_A4_HZ): number {
  return 69 + 12 * Math.log2(frequency / a4);
}

export function midiToFrequency(midi: number, a4 = DEFAULT_A4_HZ): number {
  return a4 * 2 ** ((midi - 69) / 12);
}

/** Signed distance in cents from `reference` to `frequency` (positive = sharp). */
export function centsBetween(frequency: number, reference: number): number {
  return 1200 * Math.log2(frequency / reference);
}

/** Wraps any integer into 0..11 with C = 0. */
export function pitchClassOf(midi: number): number {
  return ((Math.round(midi) % 12) + 12) % 12;
}

/** "A4" for 69, "C#-1" for 1. Rounds a fractional MIDI number to the nearest note. */
export function midiToNoteName(midi: number): string {
  const note = Math.round(midi);
  return `${NOTE_NAMES[pitchClassOf(note)]}${Math.floor(note / 12) - 1}`;
}

/** "A4", "Bb3", "c#5", "E-1" to a MIDI note number; a bare pitch class ("F#") is not a note. */
export function noteNameToMidi(name: string): number {
  const match = /^([A-Ga-g])([#b]?)(-?\d+)$/.exec(name.trim());
  if (!match) throw new RangeError(`not a note name: "${name}" (expected e.g. "A4", "C#3", "Bb2")`);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return NATURALS[match[1]!.toUpperCase()]! + accidental + 12 * (Number(match[3]) + 1);
}

/** A pitch class from 0..11 or a name ("C", "F#", "Bb"). */
export function parsePitchClass(tonic: number | string): number {
  if (typeof tonic === 'number') {
    if (!Number.isInteger(tonic)) throw new RangeError(`pitch class must be an integer (got ${tonic})`);
    return ((tonic % 12) + 12) % 12;
  }
  const match = /^([A-Ga-g])([#b]?)$/.exec(tonic.trim());
  if (!match) throw new RangeError(`not a pitch class: "${tonic}" (expected e.g. "C", "F#", "Bb")`);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return (NATURALS[match[1]!.toUpperCase()]! + accidental + 12) % 12;
}

/** A frequency placed against the equal-tempered grid, or against a target note when one is given. */
export interface NotePosition {
  /** The nearest equal-tempered note sung. */
  midi: number;
  note: string;
  /** Cents from the target note when one is given, else from the nearest note (then -50..+50). */
  cents: number;
  isInTune: boolean;
}

export interface NotePositionOptions {
  a4?: number;
  toleranceCents?: number;
  /** Measure cents against this MIDI note instead of the nearest one. */
  targetMidi?: number | null;
}

export function describeFrequency(frequency: number, options: NotePositionOptions = {}): NotePosition {
  const a4 = options.a4 ?? DEFAULT_A4_HZ;
  const tolerance = options.toleranceCents ?? DEFAULT_TOLERANCE_CENTS;
  const exact = frequencyToMidi(frequency, a4);
  const midi = Math.round(exact);
  const reference = options.targetMidi ?? midi;
  const cents = 100 * (exact - reference);
  return { midi, note: midiToNoteName(midi), cents, isInTune: Math.abs(cents) <= tolerance };
}
