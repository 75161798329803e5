import { chordPitchClasses } from '../theory/chords';
import { chordAt } from '../theory/progressions';
import { isInKey, makeKey } from '../theory/scales';
import { generateBassline, generateChords, generateMelody, generateProgression } from './generate';
import { GENRE_IDS, GENRES } from './genres';
import type { MelodyParams } from './params';

const cases: MelodyParams[] = GENRE_IDS.flatMap((genre, i) => [
  { genre, seed: i, bars: 8 },
  { genre, seed: 100 + i, bars: 16, key: 'Eb', scale: 'dorian', complexity: 'complex' },
  { genre, seed: 200 + i, bars: 4, key: 'F#', scale: 'harmonic-minor', complexity: 'simple' },
]);

describe('melody', () => {
  it.each(cases)('puts chord tones on beats 1 and 3 ($genre, seed $seed)', (params) => {
    const lead = generateMelody(params).tracks[0]!.notes;
    const progression = generateProgression({ genre: params.genre, seed: params.seed, bars: params.bars, key: params.key, scale: params.scale, complexity: params.complexity });
    const strong = lead.filter((note) => {
      const inBar = note.startBeat % 4;
      return Math.min(Math.abs(inBar), Math.abs(inBar - 2), Math.abs(inBar - 4)) < 0.05;
    });
    expect(strong.length).toBeGreaterThanOrEqual(params.bars!);
    const chordTones = strong.filter((note) => chordPitchClasses(chordAt(progression, Math.round(note.startBeat))).includes(note.pitch % 12));
    expect(chordTones.length / strong.length).toBeGreaterThanOrEqual(0.9);
  });

  it.each(cases)('stays in key and in the lead register ($genre, seed $seed)', (params) => {
    const lead = generateMelody(params).tracks[0]!.notes;
    const key = makeKey(params.key ?? 'C', params.scale ?? GENRES[params.genre].defaultScale);
    const { low, high } = GENRES[params.genre].leadRange;
    expect(lead.length).toBeGreaterThan(0);
    for (const note of lead) {
      expect(isInKey(note.pitch, key)).toBe(true);
      expect(note.pitch).toBeGreaterThanOrEqual(low);
      expect(note.pitch).toBeLessThanOrEqual(high);
    }
  });

  it('repeats its motif rhythm in the second bar of a phrase and moves by steps more than leaps', () => {
    for (let seed = 0; seed < 10; seed++) {
      const lead = generateMelody({ genre: 'edm-pop', seed, bars: 8 }).tracks[0]!.notes;
      const rhythm = (bar: number) => lead.filter((note) => note.startBeat >= bar * 4 && note.startBeat < bar * 4 + 4).map((note) => note.startBeat - bar * 4);
      expect(rhythm(1)).toEqual(rhythm(0));
      const intervals = lead.slice(1).map((note, i) => Math.abs(note.pitch - lead[i]!.pitch));
      expect(intervals.filter((interval) => interval <= 4).length / intervals.length).toBeGreaterThan(0.6);
    }
  });

  it('adds the chord track when asked', () => {
    const song = generateMelody({ genre: 'lo-fi', seed: 3, withChords: true });
    expect(song.tracks.map((track) => track.name)).toEqual(['lead', 'chords']);
  });
});

describe('bass and chords follow the progression', () => {
  it('starts each chord with its root in the bass for root-led styles', () => {
    for (const genre of ['rock', 'trap', 'drum-and-bass', 'reggaeton', 'jazz-swing', 'ambient'] as const) {
      const bass = generateBassline({ genre, seed: 4 }).tracks[0]!.notes;
      const progression = generateProgression({ genre, seed: 4 });
      for (const chord of progression) {
        const first = bass.find((note) => Math.abs(note.startBeat - chord.startBeat) < 0.05);
        expect(first?.pitch !== undefined && first.pitch % 12 === chord.root).toBe(true);
      }
    }
  });

  it('walks jazz bass in quarter notes and slides 808s in trap', () => {
    const walking = generateBassline({ genre: 'jazz-swing', seed: 2 }).tracks[0]!.notes;
    expect(walking).toHaveLength(8 * 4);
    const trap = generateBassline({ genre: 'trap', seed: 2, complexity: 'complex' }).tracks[0]!.notes;
    expect(trap.some((note) => note.glide)).toBe(true);
    // 808s ring: the average note is long.
    expect(trap.reduce((sum, note) => sum + note.durationBeats, 0) / trap.length).toBeGreaterThan(0.7);
  });

  it('plays the house bass on the off-beats and the reggae bass never on beat 1', () => {
    const house = generateBassline({ genre: 'house', seed: 8 }).tracks[0]!.notes;
    expect(house.every((note) => Math.abs((note.startBeat % 1) - 0.5) < 0.1)).toBe(true);
    const reggae = generateBassline({ genre: 'reggae', seed: 8 }).tracks[0]!.notes;
    expect(reggae.some((note) => note.startBeat % 4 < 0.1)).toBe(false);
  });

  it('voices chord stabs with exactly the chord tones', () => {
    const song = generateChords({ genre: 'house', seed: 11, key: 'A', scale: 'minor' });
    const progression = generateProgression({ genre: 'house', seed: 11, key: 'A', scale: 'minor' });
    for (const note of song.tracks[0]!.notes) {
      expect(chordPitchClasses(chordAt(progression, note.startBeat)).includes(note.pitch % 12)).toBe(true);
    }
  });
});
