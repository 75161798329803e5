import fc from 'fast-check';
import type { Song } from '../types';
import { writeMidi } from '../midi/write-midi';
import { TONIC_NAMES } from '../theory/pitch';
import { SCALE_NAMES } from '../theory/scales';
import { generateArrangement } from './arrangement';
import { generateBassline, generateBeat, generateChords, generateMelody } from './generate';
import { GENRE_IDS } from './genres';
import { BAR_COUNTS, COMPLEXITIES } from './params';

type Generator = (params: { genre: (typeof GENRE_IDS)[number]; seed: number }) => Song;

const GENERATORS: [string, Generator][] = [
  ['beat', generateBeat],
  ['chords', generateChords],
  ['bassline', generateBassline],
  ['melody', (params) => generateMelody({ ...params, withChords: true })],
  ['arrangement', (params) => generateArrangement({ ...params, bars: 4 })],
];

describe('determinism', () => {
  it.each(GENERATORS)('gives the same %s and the same MIDI bytes for the same seed', (_, generate) => {
    for (const genre of GENRE_IDS) {
      const first = generate({ genre, seed: 77 });
      const second = generate({ genre, seed: 77 });
      expect(second).toEqual(first);
      expect(Buffer.from(writeMidi(second)).equals(Buffer.from(writeMidi(first)))).toBe(true);
    }
  });

  it.each(GENERATORS)('gives a different %s for a different seed', (_, generate) => {
    for (const genre of GENRE_IDS) {
      const notesOf = (seed: number) => generate({ genre, seed }).tracks.map((track) => track.notes);
      const variants = new Set([1, 2, 3, 4].map((seed) => JSON.stringify(notesOf(seed))));
      expect(variants.size).toBeGreaterThan(1);
    }
  });
});

describe('every generated note is playable', () => {
  const params = fc.record({
    genre: fc.constantFrom(...GENRE_IDS),
    bpm: fc.integer({ min: 60, max: 200 }),
    bars: fc.constantFrom(...BAR_COUNTS),
    key: fc.constantFrom(...TONIC_NAMES),
    scale: fc.constantFrom(...SCALE_NAMES),
    complexity: fc.constantFrom(...COMPLEXITIES),
    seed: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  });
  const kind = fc.constantFrom('beat', 'chords', 'bassline', 'melody', 'arrangement');

  it('keeps pitch, velocity and timing inside MIDI and the song for arbitrary valid params', () => {
    fc.assert(
      fc.property(params, kind, (p, which) => {
        const song =
          which === 'beat' ? generateBeat(p)
          : which === 'chords' ? generateChords(p)
          : which === 'bassline' ? generateBassline(p)
          : which === 'melody' ? generateMelody({ ...p, withChords: true })
          : generateArrangement({ ...p, bars: p.bars > 8 ? 8 : p.bars });
        const releaseMargin = 0.01;
        // Collect problems rather than asserting per note: songs have thousands of notes.
        const problems = song.tracks.flatMap((track) =>
          track.notes
            .filter((note) =>
              !Number.isInteger(note.pitch) || note.pitch < 0 || note.pitch > 127 ||
              !Number.isInteger(note.velocity) || note.velocity < 1 || note.velocity > 127 ||
              note.startBeat < 0 || !(note.durationBeats > 0) ||
              note.startBeat + note.durationBeats > song.lengthBeats + releaseMargin)
            .map((note) => ({ track: track.name, ...note })),
        );
        expect(problems).toEqual([]);
        expect(song.tracks.some((track) => track.notes.length > 0)).toBe(true);
        expect(song.bpm).toBe(p.bpm);
      }),
      { numRuns: 80, seed: 20260101 },
    );
  });
});
