import {
  buildProgression,
  type Chord,
  chordForStep,
  chordSymbol,
  createRandom,
  diatonicChords,
  type GenreId,
  GENRES,
  isMinorScale,
  type Key,
  makeKey,
  pitchClass,
  pitchClassName,
  type ProgressionStyle,
  SCALES,
  type ScaleName,
  type TonicName,
  tonicPitchClass,
} from '@dawg/music';

/**
 * Music theory answered from @dawg/music: scales, diatonic chords and
 * progressions are computed by the engine; this module only spells them the
 * way a musician writes them (one letter per degree, so F# major has E#,
 * not F) and words the answer.
 */

const LETTERS = ['C', 'D', 'E', 'F', 'G', 'A', 'B'] as const;
const LETTER_PITCH = [0, 2, 4, 5, 7, 9, 11] as const;
const SHARP_ORDER = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];
const FLAT_ORDER = ['B', 'E', 'A', 'D', 'G', 'C', 'F'];

export const SCALE_SPOKEN: Readonly<Record<ScaleName, string>> = {
  major: 'major', minor: 'minor', dorian: 'dorian', phrygian: 'phrygian', lydian: 'lydian', mixolydian: 'mixolydian',
  locrian: 'locrian', 'harmonic-minor': 'harmonic minor', 'melodic-minor': 'melodic minor',
};

export function keyName(tonic: string, scale: ScaleName): string {
  return `${tonic} ${SCALE_SPOKEN[scale]}`;
}

function accidentalText(offset: number): string {
  if (offset > 0) return '#'.repeat(offset);
  if (offset < 0) return 'b'.repeat(-offset);
  return '';
}

/** The scale spelled with one letter per degree: D dorian → D E F G A B C; F# major → F# G# A# B C# D# E#. */
export function spellScale(tonic: TonicName, scale: ScaleName): string[] {
  const letter = LETTERS.indexOf(tonic[0] as (typeof LETTERS)[number]);
  const tonicPc = tonicPitchClass(tonic);
  return SCALES[scale].map((interval, degree) => {
    const index = (letter + degree) % 7;
    const pc = pitchClass(tonicPc + interval);
    let offset = pc - LETTER_PITCH[index]!;
    if (offset > 6) offset -= 12;
    if (offset < -6) offset += 12;
    return LETTERS[index]! + accidentalText(offset);
  });
}

/** A chord symbol with its root spelled from the scale ("E#dim" in F# major rather than "Fdim"). */
function spelledSymbol(chord: Chord, key: Key, rootName: string | undefined): string {
  const engineSymbol = chordSymbol(chord, key.preferFlats);
  if (rootName === undefined) return engineSymbol;
  const engineRoot = pitchClassName(chord.root, key.preferFlats);
  return rootName + engineSymbol.slice(engineRoot.length);
}

export interface NamedChord {
  symbol: string;
  numeral: string;
  function: Chord['function'];
}

/** The diatonic chords of a key, as the engine builds them (stacked thirds of the mode). */
export function chordsInKey(tonic: TonicName, scale: ScaleName, sevenths = false): NamedChord[] {
  const key = makeKey(tonic, scale);
  const spelled = spellScale(tonic, scale);
  return diatonicChords(key, sevenths).map((chord, degree) => ({
    symbol: spelledSymbol(chord, key, spelled[degree]),
    numeral: chord.numeral,
    function: chord.function,
  }));
}

/** Spells any chord of the key: roots on a scale degree use the scale's letter, others the key's flat/sharp preference. */
function nameChord(chord: Chord, key: Key, tonic: TonicName): NamedChord {
  const spelled = spellScale(tonic, key.scale);
  const degreeIndex = SCALES[key.scale].findIndex((interval) => pitchClass(key.tonic + interval) === chord.root);
  return { symbol: spelledSymbol(chord, key, degreeIndex >= 0 ? spelled[degreeIndex] : undefined), numeral: chord.numeral, function: chord.function };
}

/** ii–V–I with sevenths; in minor keys the V comes from harmonic minor (V7), as jazz players use it. */
export function twoFiveOne(tonic: TonicName, scale: ScaleName): NamedChord[] {
  const key = makeKey(tonic, scale);
  const steps = isMinorScale(scale) ? ['2', '5@harmonic-minor', '1'] : ['2', '5', '1'];
  return steps.map((step) => nameChord(chordForStep(key, step, true), key, tonic));
}

export interface KeySignature {
  sharps: string[];
  flats: string[];
  /** Set when the key needs double sharps or flats and is usually written as its enharmonic twin. */
  enharmonic?: { tonic: TonicName; signature: KeySignature };
  /** Harmonic and melodic minor: the notes raised above the key signature. */
  raised: string[];
}

/** Key signature from the spelled scale; harmonic and melodic minor take natural minor's, with raised notes listed. */
export function keySignature(tonic: TonicName, scale: ScaleName): KeySignature {
  const signatureScale: ScaleName = scale === 'harmonic-minor' || scale === 'melodic-minor' ? 'minor' : scale;
  const notes = spellScale(tonic, signatureScale);
  const sharps = notes.filter((note) => note.includes('#'));
  const flats = notes.filter((note) => note.slice(1).includes('b'));
  const ordered = (list: string[], order: string[]) => [...list].sort((a, b) => order.indexOf(a[0]!) - order.indexOf(b[0]!));
  const raised = signatureScale === scale ? [] : spellScale(tonic, scale).filter((note, i) => note !== notes[i]);
  const signature: KeySignature = { sharps: ordered(sharps, SHARP_ORDER), flats: ordered(flats, FLAT_ORDER), raised };
  const awkward = notes.some((note) => /##|bb/.test(note.slice(1))) || sharps.length + flats.length > 7;
  if (awkward) {
    const tonicPc = tonicPitchClass(tonic);
    const twin = pitchClassName(tonicPc, !tonic.includes('b')) as TonicName;
    if (twin !== tonic) signature.enharmonic = { tonic: twin, signature: keySignature(twin, scale) };
  }
  return signature;
}

/** Degree of each mode on which its parent major, and that major's relative minor, start. */
const PARENT_DEGREES: Readonly<Record<ScaleName, { major: number; minor: number }>> = {
  major: { major: 1, minor: 6 }, dorian: { major: 7, minor: 5 }, phrygian: { major: 6, minor: 4 }, lydian: { major: 5, minor: 3 },
  mixolydian: { major: 4, minor: 2 }, minor: { major: 3, minor: 1 }, locrian: { major: 2, minor: 7 },
  'harmonic-minor': { major: 3, minor: 1 }, 'melodic-minor': { major: 3, minor: 1 },
};

/** Relative major or minor (for a mode: its parent major, or that major's relative minor), spelled from the scale. */
export function relativeKey(tonic: TonicName, scale: ScaleName, want: 'major' | 'minor'): { tonic: string; scale: ScaleName } {
  const natural: ScaleName = scale === 'harmonic-minor' || scale === 'melodic-minor' ? 'minor' : scale;
  const spelled = spellScale(tonic, natural);
  return { tonic: spelled[PARENT_DEGREES[natural][want] - 1]!, scale: want };
}

/** Which progression style a mood or genre asks for. */
const MOOD_STYLE: Readonly<Record<string, { style: ProgressionStyle; scale: ScaleName }>> = {
  sad: { style: 'minor-loop', scale: 'minor' },
  angry: { style: 'rock', scale: 'minor' },
  happy: { style: 'pop', scale: 'major' },
  hopeful: { style: 'pop', scale: 'major' },
  romantic: { style: 'soul', scale: 'major' },
  chill: { style: 'ambient', scale: 'major' },
};

export interface ProgressionRequest {
  tonic?: TonicName;
  scale?: ScaleName;
  mood?: string;
  genre?: GenreId;
  jazzy?: boolean;
  /** Any integer; the same one gives the same progression. */
  seed: number;
}

export interface SuggestedProgression {
  tonic: TonicName;
  scale: ScaleName;
  style: ProgressionStyle;
  chords: NamedChord[];
}

/** Four chords from the engine's progression grammar for the mood (or genre) in the key. */
export function suggestProgression(request: ProgressionRequest): SuggestedProgression {
  const byMood = request.mood ? MOOD_STYLE[request.mood] : undefined;
  const style: ProgressionStyle = request.jazzy ? 'jazz' : request.genre ? GENRES[request.genre].progression : (byMood?.style ?? 'pop');
  const scale = request.scale ?? byMood?.scale ?? (request.genre ? GENRES[request.genre].defaultScale : 'major');
  const tonic = request.tonic ?? (isMinorScale(scale) ? 'A' : 'C');
  const key = makeKey(tonic, scale);
  const progression = buildProgression({ key, style, bars: 8, complexity: 'simple', rng: createRandom(request.seed).fork('progression') });
  return { tonic, scale, style, chords: progression.slice(0, 4).map((chord) => nameChord(chord, key, tonic)) };
}

/** FNV-1a: a stable seed from the words of a question. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
