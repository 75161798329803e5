import type { NoteEvent } from '../types';
import { chordPitchClasses } from '../theory/chords';
import { pitchClass } from '../theory/pitch';
import { chordAt, type Complexity, type ProgressionChord } from '../theory/progressions';
import { type Key, scaleNotesInRange } from '../theory/scales';
import { BEATS_PER_BAR, feelFor, humanVelocity, stepToBeat, timingJitter } from './feel';
import type { GenreProfile, MelodyRhythm } from './genres';
import type { SeededRandom } from './random';

/** A motif note: where it falls in the bar, how long, and how far it steps (in scale degrees) from the note before. */
interface MotifNote {
  step: number;
  lengthSteps: number;
  move: number;
}

type Cell = readonly (readonly [offset: number, lengthSteps: number])[];

/** One-beat rhythm cells per style, offsets in sixteenth steps. The first entries are the plainest. */
const CELLS: Record<Exclude<MelodyRhythm, 'long'>, Cell[]> = {
  straight: [[[0, 4]], [[0, 2], [2, 2]], [[0, 2]], [[0, 3], [3, 1]], [[2, 2]]],
  syncopated: [[[0, 3]], [[0, 3], [3, 1]], [[2, 2]], [[3, 1]], [[0, 2], [2, 2]], [[1, 2], [3, 1]]],
  sparse: [[[0, 4]], [[0, 2], [2, 2]], [], [[2, 2]], [[0, 1], [1, 1], [2, 2]]],
  'laid-back': [[[0, 3]], [[0, 2], [2, 2]], [], [[2, 2]], [[1, 3]]],
  swung: [[[0, 2], [2, 2]], [[0, 4]], [[2, 2]], [[0, 2]]],
};

/** Ambient phrases move in whole and half notes. */
const LONG_BARS: Cell[] = [[[0, 16]], [[0, 8], [8, 8]], [[0, 12], [12, 4]]];

const MOVES: Record<Complexity, (readonly [number, number])[]> = {
  simple: [[0, 1], [1, 3], [-1, 3], [2, 1], [-2, 1]],
  medium: [[0, 1], [1, 3], [-1, 3], [2, 2], [-2, 2], [3, 1], [-3, 1]],
  complex: [[0, 1], [1, 3], [-1, 3], [2, 2], [-2, 2], [3, 1], [-3, 1], [4, 1], [-4, 1]],
};

function isStrongBeat(step: number): boolean {
  return step === 0 || step === 8;
}

/** One bar of rhythm; strong beats always get a note so the harmony is stated. */
function motifRhythm(style: MelodyRhythm, complexity: Complexity, rng: SeededRandom): [number, number][] {
  if (style === 'long') return rng.pick(LONG_BARS).map(([step, length]) => [step, length]);
  const cells = CELLS[style];
  // Simpler settings draw from the plainer cells at the front of the list.
  const usable = complexity === 'simple' ? cells.slice(0, 3) : complexity === 'medium' ? cells.slice(0, 5) : cells;
  const rhythm: [number, number][] = [];
  for (let beat = 0; beat < 4; beat++) {
    let cell = rng.pick(usable);
    if ((beat === 0 || beat === 2) && cell[0]?.[0] !== 0) cell = usable[0]!;
    for (const [offset, length] of cell) rhythm.push([beat * 4 + offset, length]);
  }
  return rhythm;
}

function makeMotif(style: MelodyRhythm, complexity: Complexity, rng: SeededRandom): MotifNote[] {
  // The first note's move joins this bar to the last one (a phrase's first bar starts on its contour instead).
  return motifRhythm(style, complexity, rng).map(([step, lengthSteps]) => ({
    step,
    lengthSteps,
    move: rng.weighted(MOVES[complexity]),
  }));
}

/** The third bar of a phrase restates the motif changed: inverted, reversed or with a note dropped. */
function varyMotif(motif: MotifNote[], rng: SeededRandom): MotifNote[] {
  const kind = rng.pick(['invert', 'retrograde', 'thin'] as const);
  if (kind === 'invert') return motif.map((note) => ({ ...note, move: -note.move }));
  if (kind === 'retrograde') {
    const moves = motif.map((note) => note.move).reverse();
    return motif.map((note, i) => ({ ...note, move: i === 0 ? 0 : -moves[i - 1]! }));
  }
  const droppable = motif.map((note, i) => (isStrongBeat(note.step) ? -1 : i)).filter((i) => i > 0);
  if (droppable.length === 0) return motif;
  const drop = rng.pick(droppable);
  return motif.filter((_, i) => i !== drop);
}

/** The last bar of a phrase: the motif's first half, then a held note from beat 3. */
function cadenceBar(motif: MotifNote[]): MotifNote[] {
  return [...motif.filter((note) => note.step < 8), { step: 8, lengthSteps: 8, move: -1 }];
}

type Contour = 'arch' | 'rise' | 'fall' | 'wave';

/** Target offset from the middle of the range (in scale steps) at a point 0..1 through the phrase. */
function contourOffset(contour: Contour, position: number): number {
  switch (contour) {
    case 'arch':
      return Math.round(4 * Math.sin(Math.PI * position) - 1);
    case 'rise':
      return Math.round(-2 + 5 * position);
    case 'fall':
      return Math.round(3 - 5 * position);
    case 'wave':
      return Math.round(2.5 * Math.sin(2 * Math.PI * position));
  }
}

/**
 * Index of the scale note nearest `index` whose pitch class belongs to the
 * chord (or `index` if none do). Ties go the way the line is moving, and when
 * the line meant to move but the nearest chord tone is the note it came from,
 * it takes the next chord tone onwards so the tune does not stall.
 */
function nearestChordTone(scale: readonly number[], index: number, chordPcs: readonly number[], from: number): number {
  const isChordTone = (candidate: number) => scale[candidate] !== undefined && chordPcs.includes(pitchClass(scale[candidate]!));
  const direction = index >= from ? 1 : -1;
  for (let distance = 0; distance < scale.length; distance++) {
    for (const candidate of [index + direction * distance, index - direction * distance]) {
      if (!isChordTone(candidate)) continue;
      if (candidate !== from || index === from) return candidate;
      // Only a neighbouring chord tone (within a fourth or so); never leap an octave to avoid a repeat.
      for (let onwards = candidate + direction; Math.abs(onwards - candidate) <= 3; onwards += direction) {
        if (isChordTone(onwards)) return onwards;
      }
      return candidate;
    }
  }
  return index;
}

export interface MelodyPartOptions {
  genre: GenreProfile;
  bpm: number;
  key: Key;
  progression: readonly ProgressionChord[];
  bars: number;
  complexity: Complexity;
  /** Chooses the motifs and contours: the song's identity. */
  rng: SeededRandom;
  /** Chooses variations and dynamics; a repeated section passes a new one to vary without losing the tune. */
  variation?: SeededRandom;
  /** Moves the line up (positive) or down in scale steps, e.g. a chorus sitting higher than a verse. */
  registerShift?: number;
}

/**
 * A lead line: 4-bar phrases of motif, restatement, variation and cadence,
 * following a contour, with chord tones on beats 1 and 3 and only notes of the
 * key.
 */
export function renderMelodyPart(options: MelodyPartOptions): NoteEvent[] {
  const { genre, key, progression, bars, complexity, rng } = options;
  const variation = options.variation ?? rng.fork('variation');
  const feel = feelFor(genre, options.bpm);
  const scale = scaleNotesInRange(key, genre.leadRange.low, genre.leadRange.high);
  const middle = Math.floor(scale.length / 2) + (options.registerShift ?? 0);
  const firstBeat = progression[0]?.startBeat ?? 0;
  // Two motifs: A for the first eight bars of every sixteen, B for the rest.
  const motifs = [makeMotif(genre.melody, complexity, rng), makeMotif(genre.melody, complexity, rng)];
  const contours: Contour[] = [rng.pick(['arch', 'rise', 'fall', 'wave'] as const), rng.pick(['arch', 'fall'] as const)];

  const notes: NoteEvent[] = [];
  let index = middle;
  for (let bar = 0; bar < bars; bar++) {
    const phrase = Math.floor(bar / 4);
    const barInPhrase = bar % 4;
    const motif = motifs[Math.floor(bar / 8) % 2]!;
    const contour = contours[phrase % 2]!;
    const isLastBar = bar === bars - 1;
    const barNotes = barInPhrase === 3 || isLastBar ? cadenceBar(motif) : barInPhrase === 2 ? varyMotif(motif, variation) : motif;

    barNotes.forEach((note, i) => {
      const beatInPart = bar * BEATS_PER_BAR + note.step / 4;
      const chord = chordAt(progression, firstBeat + beatInPart);
      const target = middle + contourOffset(contour, (barInPhrase + note.step / 16) / 4);
      let next = i === 0 && barInPhrase === 0 ? target : index + note.move;
      // Lean back towards the contour when the line wanders from it.
      if (next - target > 3) next -= 2;
      if (target - next > 3) next += 2;
      next = Math.max(0, Math.min(scale.length - 1, next));
      const cadence = (barInPhrase === 3 || isLastBar) && note.step === 8;
      if (isStrongBeat(note.step) || cadence) {
        // A cadence lands on the root when it can, otherwise any chord tone.
        const pcs = chordPitchClasses(chord);
        // A cadence may land where the line already is; elsewhere the line keeps moving.
        const from = cadence ? next : index;
        next = nearestChordTone(scale, next, cadence ? [pcs[0]!] : pcs, from);
        if (!pcs.includes(pitchClass(scale[next]!))) next = nearestChordTone(scale, next, pcs, from);
      }
      index = next;

      const start = stepToBeat(note.step, feel);
      const end = stepToBeat(Math.min(16, note.step + note.lengthSteps), feel);
      const legato = genre.melody === 'long' ? 1 : 0.9;
      const accent = isStrongBeat(note.step) ? 14 : note.step % 4 === 0 ? 6 : 0;
      notes.push({
        pitch: scale[index]!,
        startBeat: bar * BEATS_PER_BAR + start + timingJitter(genre, variation),
        durationBeats: (end - start) * legato,
        velocity: humanVelocity(80 + accent, genre, variation),
      });
    });
  }
  return notes;
}
