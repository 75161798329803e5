import {
  buildProgression,
  chordForStep,
  chordPitchClasses,
  chordSymbol,
  createRandom,
  diatonicChord,
  diatonicChords,
  makeKey,
  pitchClass,
  SCALE_NAMES,
  scalePitchClasses,
  TONIC_NAMES,
} from '@dawg/music';
import { offlineRespond } from './respond';
import { keySignature, relativeKey, seedOf, spellScale, suggestProgression } from './theory';

const LETTER_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** Pitch class of a spelled note ("F#", "Bb", "E##"), computed independently of the code under test. */
function pcOf(note: string): number {
  const accidentals = note.slice(1);
  return pitchClass(LETTER_PC[note[0]!]! + (accidentals.match(/#/g)?.length ?? 0) - (accidentals.match(/b/g)?.length ?? 0));
}

const answer = (content: string) => offlineRespond({ messages: [{ role: 'user', content }] });

describe('theory answers, computed by @dawg/music', () => {
  it('spells every scale with one letter per degree and exactly the engine\'s pitch classes', () => {
    for (const tonic of TONIC_NAMES) {
      for (const scale of SCALE_NAMES) {
        const notes = spellScale(tonic, scale);
        expect(notes.map(pcOf)).toEqual(scalePitchClasses(makeKey(tonic, scale)));
        expect(new Set(notes.map((note) => note[0])).size).toBe(7);
      }
    }
  });

  it('lists the diatonic triads of G major with roman numerals, as the engine builds them', () => {
    const key = makeKey('G', 'major');
    const text = answer('what chords are in G major?').text;
    const expected = diatonicChords(key).map((chord) => `${chordSymbol(chord, key.preferFlats)} (${chord.numeral})`).join(', ');
    expect(text).toContain(`The diatonic triads of G major: ${expected}.`);
    expect(expected).toBe('G (I), Am (ii), Bm (iii), C (IV), D (V), Em (vi), F#dim (vii°)');
  });

  it('lists seventh chords when asked, for flat keys too', () => {
    const key = makeKey('Bb', 'major');
    const text = answer('what are the seventh chords in Bb major?').text;
    for (const chord of diatonicChords(key, true)) expect(text).toContain(`${chordSymbol(chord, key.preferFlats)} (${chord.numeral})`);
  });

  it('names the notes of E minor and D dorian', () => {
    for (const [question, tonic, scale] of [
      ['what notes are in E minor?', 'E', 'minor'],
      ['what notes are in D dorian', 'D', 'dorian'],
      ['spell the Ab major scale', 'Ab', 'major'],
    ] as const) {
      const text = answer(question).text;
      const notes = text.slice(text.indexOf(':') + 1).trim().replace(/\.$/, '').split(' ');
      expect(notes.map(pcOf)).toEqual(scalePitchClasses(makeKey(tonic, scale)));
    }
    expect(answer('what notes are in E minor?').text).toBe('E minor: E F# G A B C D.');
  });

  it('finds relative keys that share every note', () => {
    expect(answer('what is the relative minor of C major?').text).toMatch(/^The relative minor of C major is A minor/);
    expect(answer("what's the relative major of F# minor").text).toMatch(/is A major/);
    for (const tonic of TONIC_NAMES) {
      const relative = relativeKey(tonic, 'major', 'minor');
      const pcs = new Set(scalePitchClasses(makeKey(tonic, 'major')));
      const relativePcs = scalePitchClasses(makeKey('C', 'minor')).map((pc) => pitchClass(pc + pcOf(relative.tonic)));
      expect(new Set(relativePcs)).toEqual(pcs);
    }
  });

  it('counts sharps and flats in key signatures', () => {
    expect(answer('how many sharps in D major?').text).toBe('D major has 2 sharps: F#, C#.');
    expect(answer('how many flats are in Eb major').text).toBe('Eb major has 3 flats: Bb, Eb, Ab.');
    const cases: Array<[string, 'major' | 'minor', number, number]> = [
      ['C', 'major', 0, 0], ['G', 'major', 1, 0], ['F#', 'major', 6, 0], ['C#', 'major', 7, 0], ['F', 'major', 0, 1],
      ['Gb', 'major', 0, 6], ['Db', 'major', 0, 5], ['F#', 'minor', 3, 0], ['Bb', 'minor', 0, 5], ['A', 'minor', 0, 0],
    ];
    for (const [tonic, scale, sharps, flats] of cases) {
      const signature = keySignature(tonic as (typeof TONIC_NAMES)[number], scale);
      expect([signature.sharps.length, signature.flats.length]).toEqual([sharps, flats]);
    }
    expect(answer('how many sharps does D# major have?').text).toContain('normally written as Eb major, with 3 flats: Bb, Eb, Ab.');
  });

  it("builds a ii-V-I from the key's own chords (V from harmonic minor in minor keys)", () => {
    const bb = makeKey('Bb', 'major');
    const expected = [2, 5, 1].map((degree) => chordSymbol(diatonicChord(bb, degree, true), bb.preferFlats));
    expect(expected).toEqual(['Cm7', 'F7', 'Bbmaj7']);
    expect(answer("what's a ii-V-I in Bb?").text).toBe('A ii–V–I in Bb major: Cm7 (ii7) → F7 (V7) → Bbmaj7 (Imaj7).');
    const cm = makeKey('C', 'minor');
    const minor = ['2', '5@harmonic-minor', '1'].map((step) => chordSymbol(chordForStep(cm, step, true), cm.preferFlats));
    expect(minor).toEqual(['Dm7b5', 'G7', 'Cm7']);
    expect(answer('two five one in C minor').text).toBe('A ii–V–I in C minor: Dm7b5 (iiø7) → G7 (V7) → Cm7 (i7). In minor the V is borrowed from harmonic minor so it pulls home.');
  });

  it('suggests a sad progression in A minor from the engine\'s progression grammar, the same every time', () => {
    const question = 'give me a sad chord progression in A minor';
    const text = answer(question).text;
    expect(answer(question).text).toBe(text);
    const key = makeKey('A', 'minor');
    const seed = seedOf(['give', 'me', 'a', 'sad', 'progression', 'in', 'a', 'minor'].join(' '));
    const engine = buildProgression({ key, style: 'minor-loop', bars: 8, complexity: 'simple', rng: createRandom(seed).fork('progression') }).slice(0, 4);
    const suggestion = suggestProgression({ tonic: 'A', scale: 'minor', mood: 'sad', seed });
    expect(suggestion.chords.map((c) => c.numeral)).toEqual(engine.map((c) => c.numeral));
    expect(text).toContain(suggestion.chords.map((c) => `${c.symbol} (${c.numeral})`).join(' → '));
    // Every chord is built from A natural or harmonic minor.
    const allowed = new Set([...scalePitchClasses(key), ...scalePitchClasses(makeKey('A', 'harmonic-minor'))]);
    for (const chord of engine) for (const pc of chordPitchClasses(chord)) expect(allowed.has(pc)).toBe(true);
  });
});
