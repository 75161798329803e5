import { type Chord, chordPitchClasses } from './chords';
import { noteAtOrAbove, type PitchClass } from './pitch';

/** The MIDI notes a voicing may use, inclusive. */
export interface Register {
  low: number;
  high: number;
}

/**
 * Total semitone movement from one voicing to the next. Voices are matched
 * in pitch order; when the counts differ each note is matched to its nearest
 * neighbour, so adding or dropping a voice is not free.
 */
export function voiceMovement(from: readonly number[], to: readonly number[]): number {
  const a = [...from].sort((x, y) => x - y);
  const b = [...to].sort((x, y) => x - y);
  if (a.length === b.length) return a.reduce((sum, note, i) => sum + Math.abs(note - b[i]!), 0);
  const nearest = (note: number, pool: number[]) => Math.min(...pool.map((other) => Math.abs(other - note)));
  return a.reduce((sum, note) => sum + nearest(note, b), 0) + b.reduce((sum, note) => sum + nearest(note, a), 0);
}

/** Every way to place each pitch class once inside the register (close or open), as sorted notes. */
function candidateVoicings(pcs: readonly PitchClass[], register: Register): number[][] {
  const placements = pcs.map((pc) => {
    const notes: number[] = [];
    for (let note = noteAtOrAbove(pc, register.low); note <= register.high; note += 12) notes.push(note);
    return notes;
  });
  let voicings: number[][] = [[]];
  for (const options of placements) {
    voicings = voicings.flatMap((partial) => options.map((note) => [...partial, note]));
  }
  // Keep voicings a hand (or a pad) can hold: no wider than a tenth.
  return voicings.map((notes) => notes.sort((x, y) => x - y)).filter((notes) => notes[notes.length - 1]! - notes[0]! <= 16);
}

function centre(notes: readonly number[]): number {
  return notes.reduce((sum, note) => sum + note, 0) / notes.length;
}

/**
 * Voices each chord to move as little as possible from the previous one,
 * with a light pull towards the middle of the register so a long progression
 * does not creep to one edge. The first chord is the most compact voicing
 * nearest the middle.
 */
export function voiceLead(chords: readonly Pick<Chord, 'root' | 'quality'>[], register: Register): number[][] {
  const middle = (register.low + register.high) / 2;
  const voiced: number[][] = [];
  for (const chord of chords) {
    const candidates = candidateVoicings(chordPitchClasses(chord), register);
    if (candidates.length === 0) throw new Error(`register ${register.low}-${register.high} cannot hold the chord`);
    const previous = voiced[voiced.length - 1];
    let best = candidates[0]!;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const drift = Math.abs(centre(candidate) - middle);
      const span = candidate[candidate.length - 1]! - candidate[0]!;
      const cost = previous ? voiceMovement(previous, candidate) + 0.25 * drift : span + drift;
      if (cost < bestCost) {
        best = candidate;
        bestCost = cost;
      }
    }
    voiced.push(best);
  }
  return voiced;
}

/** Root position stacked from the root's lowest place in the register: the naive voicing voice leading improves on. */
export function rootPositionVoicing(chord: Pick<Chord, 'root' | 'quality'>, register: Register): number[] {
  const root = noteAtOrAbove(chord.root, register.low);
  const pcs = chordPitchClasses(chord);
  return pcs.map((pc) => noteAtOrAbove(pc, root));
}
