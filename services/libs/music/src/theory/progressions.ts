import type { SeededRandom } from '../composition/random';
import {
  borrowedChord,
  type Chord,
  chordSymbol,
  diatonicChord,
  type HarmonicFunction,
  secondaryDominant,
} from './chords';
import { isMinorScale, type Key, type ScaleName, SCALE_NAMES } from './scales';

/** Harmonic flavours; each genre maps to one (see GENRES). */
export type ProgressionStyle = 'pop' | 'minor-loop' | 'jazz' | 'soul' | 'rock' | 'reggae' | 'latin' | 'afro' | 'ambient';

export type Complexity = 'simple' | 'medium' | 'complex';

/** A chord placed in time. */
export interface ProgressionChord extends Chord {
  symbol: string;
  startBeat: number;
  durationBeats: number;
}

/**
 * Template steps, read as: "6" the diatonic chord on degree 6, "6@minor" the
 * chord on degree 6 of the parallel minor (modal interchange), "V/5" the
 * secondary dominant of degree 5.
 */
type Step = string;

interface StyleTemplates {
  major: Step[][];
  minor: Step[][];
  /** When seventh chords replace triads. */
  sevenths: Complexity[];
  beatsPerChord: number;
}

const STYLES: Record<ProgressionStyle, StyleTemplates> = {
  pop: {
    major: [['1', '5', '6', '4'], ['6', '4', '1', '5'], ['1', '6', '4', '5'], ['4', '1', '5', '6']],
    minor: [['1', '6', '3', '7'], ['6', '7', '1', '1'], ['1', '4', '6', '5@harmonic-minor']],
    sevenths: ['complex'],
    beatsPerChord: 4,
  },
  'minor-loop': {
    major: [['1', '4', '6', '5'], ['6', '4', '1', '5']],
    minor: [['1', '6', '3', '7'], ['1', '7', '6', '7'], ['1', '4', '1', '6'], ['1', '6', '4', '5@harmonic-minor']],
    sevenths: ['complex'],
    beatsPerChord: 4,
  },
  jazz: {
    major: [['2', '5', '1', '1'], ['1', '6', '2', '5'], ['3', '6', '2', '5'], ['1', '6', 'V/5', '5']],
    minor: [['2', '5@harmonic-minor', '1', '1'], ['1', '6', '2', '5@harmonic-minor'], ['1', '4', '7', '3']],
    sevenths: ['simple', 'medium', 'complex'],
    beatsPerChord: 4,
  },
  soul: {
    major: [['2', '5', '1', '6'], ['4', '3', '2', '1'], ['4', '4@minor', '1', '6'], ['1', 'V/6', '6', '4']],
    minor: [['1', '4', '1', '4'], ['1', '7', '6', '5@harmonic-minor'], ['1', '4', '7', '3']],
    sevenths: ['simple', 'medium', 'complex'],
    beatsPerChord: 4,
  },
  rock: {
    major: [['1', '4', '5', '4'], ['1', '7@mixolydian', '4', '1'], ['1', '5', '6', '4'], ['6@minor', '7@minor', '1', '1']],
    minor: [['1', '7', '6', '7'], ['1', '6', '7', '1'], ['1', '4', '5', '1']],
    sevenths: [],
    beatsPerChord: 4,
  },
  reggae: {
    major: [['1', '4', '5', '4'], ['1', '4', '1', '5'], ['1', '6', '4', '5'], ['1', '5', '4', '5']],
    minor: [['1', '4', '1', '4'], ['1', '7', '1', '7'], ['1', '4', '7', '1']],
    sevenths: ['complex'],
    beatsPerChord: 4,
  },
  latin: {
    major: [['6', '4', '1', '5'], ['1', '5', '6', '4']],
    minor: [['1', '6', '3', '7'], ['1', '7', '6', '7'], ['1', '4', '7', '3']],
    sevenths: ['complex'],
    beatsPerChord: 4,
  },
  afro: {
    major: [['1', '4', '6', '5'], ['2', '5', '1', '4'], ['1', '5', '6', '4'], ['4', '5', '3', '6']],
    minor: [['1', '4', '7', '3'], ['1', '6', '7', '1']],
    sevenths: ['medium', 'complex'],
    beatsPerChord: 4,
  },
  ambient: {
    major: [['1', '4', '1', '4'], ['1', '6', '4', '1'], ['4', '1', '5', '6'], ['1', '3', '4', '4@minor']],
    minor: [['1', '6', '1', '6'], ['1', '3', '7', '4'], ['6', '4', '1', '1']],
    sevenths: ['medium', 'complex'],
    beatsPerChord: 8,
  },
};

/** Resolves one template step to a chord in the key. */
export function chordForStep(key: Key, step: Step, seventh: boolean): Chord {
  if (step.startsWith('V/')) return secondaryDominant(key, Number(step.slice(2)), seventh);
  const [degreeText, source] = step.split('@');
  const degree = Number(degreeText);
  if (source !== undefined) {
    if (!SCALE_NAMES.includes(source as ScaleName)) throw new Error(`unknown scale in step ${step}`);
    return borrowedChord(key, degree, source as ScaleName, seventh);
  }
  return diatonicChord(key, degree, seventh);
}

/** The grammar of functional harmony: where each function tends to go next. */
const NEXT_FUNCTION: Record<HarmonicFunction, (readonly [HarmonicFunction, number])[]> = {
  tonic: [['tonic', 2], ['predominant', 5], ['dominant', 3]],
  predominant: [['dominant', 7], ['tonic', 2], ['predominant', 1]],
  dominant: [['tonic', 8], ['predominant', 1], ['dominant', 1]],
};

const DEGREES_BY_FUNCTION: Record<HarmonicFunction, (readonly [number, number])[]> = {
  tonic: [[1, 3], [6, 2], [3, 1]],
  predominant: [[4, 3], [2, 2]],
  dominant: [[5, 4], [7, 1]],
};

/**
 * A progression walked through tonic → predominant → dominant → tonic, ending
 * on the dominant so the loop turns back to the top.
 */
function walkByFunction(rng: SeededRandom, length: number, minor: boolean): Step[] {
  const steps: Step[] = ['1'];
  let current: HarmonicFunction = 'tonic';
  for (let i = 1; i < length; i++) {
    const isLast = i === length - 1;
    const next: HarmonicFunction = isLast ? 'dominant' : rng.weighted(NEXT_FUNCTION[current]);
    let degree = rng.weighted(DEGREES_BY_FUNCTION[next]);
    if (degree === Number(steps[i - 1])) degree = rng.weighted(DEGREES_BY_FUNCTION[next]);
    // In minor the natural v is weak; borrow the major V from harmonic minor.
    steps.push(minor && degree === 5 ? '5@harmonic-minor' : String(degree));
    current = next;
  }
  return steps;
}

/** Colour for complex settings: secondary dominants before strong targets, and borrowed chords. */
function substitute(rng: SeededRandom, steps: Step[], minor: boolean): Step[] {
  const result = [...steps];
  for (let i = 1; i < result.length; i++) {
    const target = result[i + 1 < result.length ? i + 1 : 0]!;
    const targetDegree = Number(target);
    // Only plain diatonic targets that are not the tonic get a V/x (V/I is just V).
    if (Number.isInteger(targetDegree) && [2, 3, 4, 5, 6].includes(targetDegree) && rng.chance(0.3)) {
      if (!(minor && targetDegree === 2)) result[i] = `V/${targetDegree}`;
      continue;
    }
    if (!minor && result[i] === '4' && rng.chance(0.3)) result[i] = '4@minor';
    else if (!minor && result[i] === '6' && rng.chance(0.2)) result[i] = '6@minor';
  }
  return result;
}

export interface ProgressionOptions {
  key: Key;
  style: ProgressionStyle;
  bars: number;
  complexity: Complexity;
  rng: SeededRandom;
  /** Start time of the first chord. */
  startBeat?: number;
}

/** Chooses and times a progression that fills `bars` bars of 4/4. */
export function buildProgression(options: ProgressionOptions): ProgressionChord[] {
  const { key, style, bars, complexity, rng } = options;
  const templates = STYLES[style];
  const minor = isMinorScale(key.scale);
  const useWalk = complexity === 'complex' && rng.chance(0.35);
  let steps = useWalk ? walkByFunction(rng, 4, minor) : [...rng.pick(minor ? templates.minor : templates.major)];
  if (complexity === 'complex') steps = substitute(rng, steps, minor);

  const seventh = templates.sevenths.includes(complexity);
  const totalBeats = bars * 4;
  const beatsPerChord = Math.min(templates.beatsPerChord, totalBeats / steps.length);
  const startBeat = options.startBeat ?? 0;
  const chords: ProgressionChord[] = [];
  for (let beat = 0, index = 0; beat < totalBeats; beat += beatsPerChord, index++) {
    const chord = chordForStep(key, steps[index % steps.length]!, seventh);
    chords.push({
      ...chord,
      symbol: chordSymbol(chord, key.preferFlats),
      startBeat: startBeat + beat,
      durationBeats: beatsPerChord,
    });
  }
  return chords;
}

/** The chord sounding at a beat (the last one if the beat is past the end). */
export function chordAt(progression: readonly ProgressionChord[], beat: number): ProgressionChord {
  for (const chord of progression) {
    if (beat >= chord.startBeat && beat < chord.startBeat + chord.durationBeats) return chord;
  }
  return progression[progression.length - 1]!;
}

