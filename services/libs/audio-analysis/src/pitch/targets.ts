import { parsePitchClass } from './notes';

/** A note of a reference melody, in the take's time. */
export interface TargetNote {
  midi: number;
  startSeconds: number;
  endSeconds: number;
}

export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'melodic-minor': [0, 2, 3, 5, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  locrian: [0, 1, 3, 5, 6, 8, 10],
  'major-pentatonic': [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
} as const satisfies Record<string, readonly number[]>;
export type ScaleName = keyof typeof SCALES;

/**
 * What the singer should be singing. `note`: one fixed note. `melody`: the
 * note sounding at each moment (none between notes: cents fall back to the
 * nearest note). `scale`: the nearest degree of a key/scale to what is sung.
 */
export type PitchTarget =
  | { kind: 'note'; midi: number }
  | { kind: 'melody'; notes: readonly TargetNote[] }
  | { kind: 'scale'; tonic: number | string; scale: ScaleName | readonly number[] };

/** A target compiled for per-frame lookups (sorted melody, scale as a pitch-class mask). */
export class TargetResolver {
  private readonly fixed: number | null = null;
  private readonly starts: Float64Array | null = null;
  private readonly notes: readonly TargetNote[] = [];
  private readonly inScale: boolean[] | null = null;
  private cursor = 0;

  constructor(target: PitchTarget) {
    switch (target.kind) {
      case 'note':
        if (!Number.isFinite(target.midi)) throw new RangeError('target midi must be a number');
        this.fixed = Math.round(target.midi);
        break;
      case 'melody': {
        for (const n of target.notes) {
          if (!(n.endSeconds > n.startSeconds) || !Number.isFinite(n.midi)) {
            throw new RangeError(`target note ${JSON.stringify(n)} needs endSeconds > startSeconds and a MIDI number`);
          }
        }
        this.notes = [...target.notes].sort((a, b) => a.startSeconds - b.startSeconds);
        this.starts = Float64Array.from(this.notes, (n) => n.startSeconds);
        break;
      }
      case 'scale': {
        const tonic = parsePitchClass(target.tonic);
        const degrees = typeof target.scale === 'string' ? SCALES[target.scale] : target.scale;
        if (!degrees || degrees.length === 0) throw new RangeError(`unknown scale: ${String(target.scale)}`);
        const mask = new Array<boolean>(12).fill(false);
        for (const d of degrees) mask[(((tonic + d) % 12) + 12) % 12] = true;
        this.inScale = mask;
        break;
      }
    }
  }

  /** The target MIDI note at `timeSeconds` for a sung pitch `sungMidi` (continuous; null when unvoiced), or null. */
  resolve(timeSeconds: number, sungMidi: number | null): number | null {
    if (this.fixed !== null) return this.fixed;
    if (this.starts) return this.melodyNoteAt(timeSeconds);
    if (this.inScale && sungMidi !== null) {
      let best: number | null = null;
      // Search a whole octave around the pitch: a sparse scale (e.g. [0, 7]) can leave gaps of up to 11 semitones.
      for (let n = Math.floor(sungMidi) - 6; n <= Math.ceil(sungMidi) + 6; n++) {
        if (this.inScale[((n % 12) + 12) % 12] && (best === null || Math.abs(sungMidi - n) < Math.abs(sungMidi - best))) best = n;
      }
      return best;
    }
    return null;
  }

  private melodyNoteAt(t: number): number | null {
    const starts = this.starts!;
    // Frames arrive in time order: start from the last position, fall back to a binary search.
    let i = this.cursor;
    if (i >= starts.length || starts[i]! > t || (i + 1 < starts.length && starts[i + 1]! <= t)) {
      let lo = 0;
      let hi = starts.length - 1;
      i = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= t) {
          i = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (i < 0) return null;
      this.cursor = i;
    }
    const note = this.notes[i]!;
    return t < note.endSeconds ? Math.round(note.midi) : null;
  }
}
