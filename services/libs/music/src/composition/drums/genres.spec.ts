import type { NoteEvent } from '../../types';
import { jazzSwingRatio } from '../feel';
import { generateBeat } from '../generate';
import { GENRE_IDS, GENRES, type GenreId } from '../genres';
import { COMPLEXITIES } from '../params';
import { GM_DRUMS as D } from './gm-drums';

const SEEDS = [1, 2, 3, 42, 1234];

function drums(genre: GenreId, seed: number, extra: { bpm?: number; complexity?: 'simple' | 'medium' | 'complex'; bars?: 4 | 8 | 16 | 32 } = {}): NoteEvent[] {
  return generateBeat({ genre, seed, bars: 8, ...extra }).tracks[0]!.notes;
}

function hitAt(notes: readonly NoteEvent[], pitches: readonly number[], beat: number, tolerance = 0.03): boolean {
  return notes.some((note) => pitches.includes(note.pitch) && Math.abs(note.startBeat - beat) <= tolerance);
}

const bars = (count: number) => Array.from({ length: count }, (_, bar) => bar * 4);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('the genre table', () => {
  it('covers the thirteen genres with defaults inside ranges inside 60-200 BPM', () => {
    expect(GENRE_IDS).toHaveLength(13);
    for (const id of GENRE_IDS) {
      const { min, max, default: tempo } = GENRES[id].bpm;
      expect(min).toBeGreaterThanOrEqual(60);
      expect(max).toBeLessThanOrEqual(200);
      expect(tempo).toBeGreaterThanOrEqual(min);
      expect(tempo).toBeLessThanOrEqual(max);
    }
  });

  it('uses the genre default tempo when none is asked for', () => {
    expect(generateBeat({ genre: 'trap', seed: 1 }).bpm).toBe(140);
    expect(generateBeat({ genre: 'drum-and-bass', seed: 1 }).bpm).toBe(174);
    expect(generateBeat({ genre: 'house', seed: 1, bpm: 127 }).bpm).toBe(127);
  });
});

describe('genre grooves are measurably different', () => {
  it.each(COMPLEXITIES)('puts a house kick on every beat of every bar (%s)', (complexity) => {
    for (const seed of SEEDS) {
      const notes = drums('house', seed, { complexity });
      for (const barStart of bars(8)) {
        for (let beat = 0; beat < 4; beat++) expect(hitAt(notes, [D.kick], barStart + beat, 0.001)).toBe(true);
      }
    }
  });

  it.each(COMPLEXITIES)('plays trap in half time: the snare on beat 3, never on 2 or 4 (%s)', (complexity) => {
    for (const seed of SEEDS) {
      const notes = drums('trap', seed, { complexity, bpm: 140 });
      for (const barStart of bars(8)) {
        expect(hitAt(notes, [D.snare], barStart + 2)).toBe(true);
        expect(hitAt(notes, [D.snare], barStart + 1)).toBe(false);
        expect(hitAt(notes, [D.snare], barStart + 3)).toBe(false);
      }
    }
  });

  it.each(COMPLEXITIES)('plays the dembow: kick on 1 and 3, snare on the "a" of 1 and the "and" of 2 (%s)', (complexity) => {
    for (const seed of SEEDS) {
      const notes = drums('reggaeton', seed, { complexity });
      for (const barStart of bars(8)) {
        expect(hitAt(notes, [D.kick], barStart, 0.001)).toBe(true);
        expect(hitAt(notes, [D.kick], barStart + 2, 0.001)).toBe(true);
        expect(hitAt(notes, [D.snare], barStart + 0.75, 0.001)).toBe(true);
        expect(hitAt(notes, [D.snare], barStart + 1.5, 0.001)).toBe(true);
        // 3-3-2, not a backbeat: nothing on beat 2.
        expect(hitAt(notes, [D.snare], barStart + 1, 0.001)).toBe(false);
      }
    }
  });

  it.each(COMPLEXITIES)('drops reggae\'s kick and snare together on beat 3 and leaves beat 1 without a kick (%s)', (complexity) => {
    for (const seed of SEEDS) {
      const notes = drums('reggae', seed, { complexity });
      for (const barStart of bars(8)) {
        expect(hitAt(notes, [D.kick], barStart + 2)).toBe(true);
        expect(hitAt(notes, [D.snare, D.sideStick], barStart + 2)).toBe(true);
        expect(hitAt(notes, [D.kick], barStart, 0.1)).toBe(false);
      }
    }
  });

  it('swings jazz ride eighths hard at medium tempo and straighter when fast', () => {
    const measuredRatio = (bpm: number) => {
      const ratios = SEEDS.flatMap((seed) => drums('jazz-swing', seed, { bpm, bars: 16 })
        .filter((note) => note.pitch === D.ride)
        .map((note) => note.startBeat - Math.floor(note.startBeat))
        .filter((fraction) => fraction > 0.45 && fraction < 0.9)
        .map((fraction) => fraction / (1 - fraction)));
      expect(ratios.length).toBeGreaterThan(50);
      return median(ratios);
    };
    const medium = measuredRatio(120);
    const fast = measuredRatio(200);
    expect(medium).toBeGreaterThan(1.5);
    expect(fast).toBeLessThan(medium - 0.4);
    expect(medium).toBeCloseTo(jazzSwingRatio(120), 1);
    expect(fast).toBeCloseTo(jazzSwingRatio(200), 1);
  });

  it('keeps rock\'s backbeat on 2 and 4 and boom bap\'s off-beat sixteenths late', () => {
    const rock = drums('rock', 5, { complexity: 'simple' });
    for (const barStart of bars(7)) {
      expect(hitAt(rock, [D.snare], barStart + 1)).toBe(true);
      expect(hitAt(rock, [D.snare], barStart + 3)).toBe(true);
    }
    const boomBap = drums('boom-bap', 5, { complexity: 'complex' });
    const offSixteenths = boomBap
      .filter((note) => note.pitch === D.closedHat)
      .map((note) => (note.startBeat % 0.5) / 0.5)
      .filter((position) => position > 0.2);
    // Straight sixteenths would sit at 0.5 of each eighth; a 1.6 swing puts them near 0.62.
    expect(median(offSixteenths)).toBeGreaterThan(0.57);
  });
});

describe('feel, fills and complexity', () => {
  it('adds quiet ghost snares to boom bap only at busier settings', () => {
    const ghosts = (complexity: 'simple' | 'complex') =>
      SEEDS.flatMap((seed) => drums('boom-bap', seed, { complexity })).filter((note) => note.pitch === D.snare && note.velocity < 55).length;
    expect(ghosts('simple')).toBe(0);
    expect(ghosts('complex')).toBeGreaterThan(10);
  });

  it('humanises velocities of acoustic genres', () => {
    const backbeats = drums('rock', 9).filter((note) => note.pitch === D.snare && note.velocity > 90);
    expect(new Set(backbeats.map((note) => note.velocity)).size).toBeGreaterThan(3);
  });

  it('plays a tom fill at the end of the phrase and a crash on the next downbeat', () => {
    const notes = drums('rock', 3, { bars: 16, complexity: 'medium' });
    const toms = [D.highTom, D.midTom, D.lowTom, D.floorTom];
    const inLastBeatOfBar8 = notes.filter((note) => toms.includes(note.pitch as never) && note.startBeat >= 31 && note.startBeat < 32);
    expect(inLastBeatOfBar8.length).toBeGreaterThanOrEqual(2);
    expect(hitAt(notes, [D.crash], 32)).toBe(true);
    // Ordinary bars have no toms.
    expect(notes.some((note) => toms.includes(note.pitch as never) && note.startBeat < 12)).toBe(false);
  });

  it('rolls trap hats at the complex setting', () => {
    const notes = drums('trap', 7, { complexity: 'complex' });
    const hats = notes.filter((note) => note.pitch === D.closedHat).map((note) => note.startBeat);
    const gaps = hats.slice(1).map((beat, i) => beat - hats[i]!);
    expect(gaps.some((gap) => gap > 0 && gap < 0.2)).toBe(true);
  });

  it('gets busier as complexity rises', () => {
    for (const genre of GENRE_IDS) {
      const count = (complexity: 'simple' | 'complex') => SEEDS.reduce((sum, seed) => sum + drums(genre, seed, { complexity }).length, 0);
      expect(count('complex')).toBeGreaterThan(count('simple'));
    }
  });
});
