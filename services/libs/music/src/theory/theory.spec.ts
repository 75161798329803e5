import { borrowedChord, chordPitchClasses, diatonicChord, diatonicChords, secondaryDominant } from './chords';
import { tonicPitchClass } from './pitch';
import { buildProgression, chordAt } from './progressions';
import { degreePitchClass, isInKey, makeKey, SCALE_NAMES, type ScaleName, scalePitchClasses } from './scales';
import { rootPositionVoicing, voiceLead, voiceMovement } from './voice-leading';
import { createRandom } from '../composition/random';

describe('scales', () => {
  it('spells tonics with sharps and flats to the same pitch classes', () => {
    expect(tonicPitchClass('C#')).toBe(tonicPitchClass('Db'));
    expect(tonicPitchClass('Bb')).toBe(10);
    expect(tonicPitchClass('B')).toBe(11);
  });

  it('gives the degrees of D dorian as the white keys from D', () => {
    const key = makeKey('D', 'dorian');
    expect([1, 2, 3, 4, 5, 6, 7].map((degree) => degreePitchClass(key, degree))).toEqual([2, 4, 5, 7, 9, 11, 0]);
  });

  it('raises the seventh in harmonic minor and the sixth and seventh in melodic minor', () => {
    expect(scalePitchClasses(makeKey('A', 'harmonic-minor'))).toEqual([9, 11, 0, 2, 4, 5, 8]);
    expect(scalePitchClasses(makeKey('A', 'melodic-minor'))).toEqual([9, 11, 0, 2, 4, 6, 8]);
  });

  it('knows which notes are in a key', () => {
    const key = makeKey('Eb', 'major');
    expect(isInKey(63, key)).toBe(true);
    expect(isInKey(64, key)).toBe(false);
  });
});

describe('diatonic chords', () => {
  const triadQualities: Record<ScaleName, string[]> = {
    major: ['major', 'minor', 'minor', 'major', 'major', 'minor', 'diminished'],
    minor: ['minor', 'diminished', 'major', 'minor', 'minor', 'major', 'major'],
    dorian: ['minor', 'minor', 'major', 'major', 'minor', 'diminished', 'major'],
    phrygian: ['minor', 'major', 'major', 'minor', 'diminished', 'major', 'minor'],
    lydian: ['major', 'major', 'minor', 'diminished', 'major', 'minor', 'minor'],
    mixolydian: ['major', 'minor', 'diminished', 'major', 'minor', 'minor', 'major'],
    locrian: ['diminished', 'major', 'minor', 'minor', 'major', 'major', 'minor'],
    'harmonic-minor': ['minor', 'diminished', 'augmented', 'minor', 'major', 'major', 'diminished'],
    'melodic-minor': ['minor', 'minor', 'augmented', 'major', 'major', 'diminished', 'diminished'],
  };

  it.each(SCALE_NAMES)('stacks the right triad qualities in %s', (scale) => {
    expect(diatonicChords(makeKey('F#', scale)).map((chord) => chord.quality)).toEqual(triadQualities[scale]);
  });

  it('stacks sevenths in major as maj7, m7, m7, maj7, 7, m7, m7b5', () => {
    expect(diatonicChords(makeKey('G', 'major'), true).map((chord) => chord.quality)).toEqual([
      'major7', 'minor7', 'minor7', 'major7', 'dominant7', 'minor7', 'half-diminished7',
    ]);
  });

  it('labels harmonic function and numerals', () => {
    const key = makeKey('C', 'major');
    expect(diatonicChord(key, 2, true)).toMatchObject({ root: 2, numeral: 'ii7', function: 'predominant' });
    expect(diatonicChord(key, 7)).toMatchObject({ root: 11, numeral: 'vii°', function: 'dominant' });
    expect(diatonicChord(key, 6).function).toBe('tonic');
  });
});

describe('borrowed chords and secondary dominants', () => {
  it('borrows iv and bVI from the parallel minor', () => {
    const key = makeKey('C', 'major');
    expect(borrowedChord(key, 4, 'minor')).toMatchObject({ root: 5, quality: 'minor', numeral: 'iv' });
    expect(borrowedChord(key, 6, 'minor')).toMatchObject({ root: 8, quality: 'major', numeral: 'bVI' });
    expect(borrowedChord(key, 7, 'mixolydian')).toMatchObject({ root: 10, quality: 'major', numeral: 'bVII' });
  });

  it('builds V/V a fifth above V, so it resolves down a fifth into V', () => {
    const key = makeKey('C', 'major');
    const five = diatonicChord(key, 5);
    const fiveOfFive = secondaryDominant(key, 5);
    expect(fiveOfFive.quality).toBe('dominant7');
    expect((fiveOfFive.root - five.root + 12) % 12).toBe(7);
    expect(chordPitchClasses(fiveOfFive)).toEqual([2, 6, 9, 0]);
    // Its third (F#) is the leading tone of G, a semitone below V's root.
    expect((chordPitchClasses(fiveOfFive)[1]! + 1) % 12).toBe(five.root);
    expect(secondaryDominant(key, 5, false).quality).toBe('major');
    expect(secondaryDominant(key, 2).numeral).toBe('V7/ii');
  });
});

describe('progressions', () => {
  it('fills the bars with chords back to back, starting on the tonic function', () => {
    for (let seed = 0; seed < 20; seed++) {
      const progression = buildProgression({
        key: makeKey('A', 'minor'), style: 'minor-loop', bars: 8, complexity: 'complex', rng: createRandom(seed),
      });
      const total = progression.reduce((sum, chord) => sum + chord.durationBeats, 0);
      expect(total).toBe(32);
      progression.forEach((chord, i) => i > 0 && expect(chord.startBeat).toBe(progression[i - 1]!.startBeat + progression[i - 1]!.durationBeats));
      expect(chordAt(progression, 5).startBeat).toBeLessThanOrEqual(5);
    }
  });

  it('uses seventh chords for jazz and triads for simple pop', () => {
    const jazz = buildProgression({ key: makeKey('Bb', 'major'), style: 'jazz', bars: 4, complexity: 'simple', rng: createRandom(1) });
    expect(jazz.every((chord) => chordPitchClasses(chord).length === 4)).toBe(true);
    const pop = buildProgression({ key: makeKey('C', 'major'), style: 'pop', bars: 4, complexity: 'simple', rng: createRandom(1) });
    expect(pop.every((chord) => chordPitchClasses(chord).length === 3)).toBe(true);
  });

  it('brings in secondary dominants or borrowed chords at complex settings', () => {
    const numerals = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      buildProgression({ key: makeKey('C', 'major'), style: 'pop', bars: 4, complexity: 'complex', rng: createRandom(seed) })
        .forEach((chord) => numerals.add(chord.numeral));
    }
    expect([...numerals].some((numeral) => numeral.includes('/'))).toBe(true);
    expect([...numerals].some((numeral) => numeral.startsWith('b') || numeral === 'iv')).toBe(true);
  });
});

describe('voice leading', () => {
  const register = { low: 52, high: 76 };

  it('keeps every chord tone, inside the register', () => {
    const key = makeKey('E', 'minor');
    const chords = [1, 6, 3, 7, 4, 5].map((degree) => diatonicChord(key, degree, true));
    voiceLead(chords, register).forEach((voicing, i) => {
      expect(new Set(voicing.map((note) => note % 12))).toEqual(new Set(chordPitchClasses(chords[i]!)));
      expect(Math.min(...voicing)).toBeGreaterThanOrEqual(register.low);
      expect(Math.max(...voicing)).toBeLessThanOrEqual(register.high);
    });
  });

  it('moves less in total than naive root-position voicings', () => {
    for (let seed = 0; seed < 10; seed++) {
      const chords = buildProgression({ key: makeKey('C', 'major'), style: 'jazz', bars: 8, complexity: 'complex', rng: createRandom(seed) });
      const led = voiceLead(chords, register);
      const naive = chords.map((chord) => rootPositionVoicing(chord, { low: 48, high: 72 }));
      const total = (voicings: number[][]) => voicings.slice(1).reduce((sum, voicing, i) => sum + voiceMovement(voicings[i]!, voicing), 0);
      expect(total(led)).toBeLessThan(total(naive));
    }
  });

  it('finds the textbook minimum for I-IV-V-I in C (3, 6 and 3 semitones)', () => {
    const key = makeKey('C', 'major');
    const led = voiceLead([1, 4, 5, 1].map((degree) => diatonicChord(key, degree)), register);
    // I-IV keeps C and moves two voices up a step; IV-V has no common tone, so 6 is the least possible.
    expect(led.slice(1).map((voicing, i) => voiceMovement(led[i]!, voicing))).toEqual([3, 6, 3]);
  });
});
