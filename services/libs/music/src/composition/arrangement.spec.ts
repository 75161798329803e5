import { GM_DRUMS as D } from './drums/gm-drums';
import { generateArrangement } from './arrangement';

describe('arrangement', () => {
  it('lays sections end to end and fills the song with all four parts', () => {
    const song = generateArrangement({ genre: 'rock', seed: 5, bars: 8 });
    expect(song.sections!.map((section) => section.name)).toEqual(['intro', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'outro']);
    let expectedStart = 0;
    for (const section of song.sections!) {
      expect(section.startBeat).toBe(expectedStart);
      expectedStart += section.lengthBeats;
    }
    expect(song.lengthBeats).toBe(expectedStart);
    expect(song.sections![1]!.lengthBeats).toBe(32);
    expect(song.sections![0]!.lengthBeats).toBe(16);
    expect(song.tracks.map((track) => track.name)).toEqual(['drums', 'bass', 'chords', 'lead']);
  });

  it('keeps the lead out of the intro and outro and the bass out of the intro', () => {
    const song = generateArrangement({ genre: 'afrobeats', seed: 6 });
    const [intro, , , , , , , outro] = song.sections!;
    // Humanised timing may put a downbeat a hair early; judge each note by the sixteenth it was meant for.
    const meantFor = (beat: number) => Math.round(beat * 4) / 4;
    const inside = (name: string, section: { startBeat: number; lengthBeats: number }) =>
      song.tracks.find((track) => track.name === name)!.notes.filter(
        (note) => meantFor(note.startBeat) >= section.startBeat && meantFor(note.startBeat) < section.startBeat + section.lengthBeats,
      );
    expect(inside('lead', intro!)).toHaveLength(0);
    expect(inside('bass', intro!)).toHaveLength(0);
    expect(inside('lead', outro!)).toHaveLength(0);
    expect(inside('chords', intro!).length).toBeGreaterThan(0);
  });

  it('sings the same chorus tune each time but varies the drums between repeats', () => {
    const song = generateArrangement({ genre: 'edm-pop', seed: 9, structure: ['verse', 'chorus', 'verse', 'chorus'] });
    const [, chorus1, , chorus2] = song.sections!;
    const part = (name: string, section: { startBeat: number; lengthBeats: number }) =>
      song.tracks.find((track) => track.name === name)!.notes
        .filter((note) => note.startBeat >= section.startBeat && note.startBeat < section.startBeat + section.lengthBeats)
        .map((note) => ({ ...note, startBeat: note.startBeat - section.startBeat }));
    const firstBars = (notes: { startBeat: number; pitch: number }[]) => notes.filter((note) => note.startBeat < 8).map((note) => [note.pitch, note.startBeat]);
    expect(firstBars(part('lead', chorus2!))).toEqual(firstBars(part('lead', chorus1!)));
    expect(part('drums', chorus2!)).not.toEqual(part('drums', chorus1!));
  });

  it('builds a snare roll into a club chorus and crashes on the drop', () => {
    const song = generateArrangement({ genre: 'house', seed: 3, bars: 8 });
    const drums = song.tracks[0]!.notes;
    const chorus = song.sections!.find((section) => section.name === 'chorus')!;
    const lastBarBefore = drums.filter((note) => note.pitch === D.snare && note.startBeat >= chorus.startBeat - 4 && note.startBeat < chorus.startBeat);
    expect(lastBarBefore.length).toBeGreaterThanOrEqual(16);
    // The roll rises.
    expect(lastBarBefore[lastBarBefore.length - 1]!.velocity).toBeGreaterThan(lastBarBefore[0]!.velocity);
    expect(drums.some((note) => note.pitch === D.crash && Math.abs(note.startBeat - chorus.startBeat) < 0.01)).toBe(true);
  });

  it('cuts the drums for the second half of the bar before a breakdown, and the breakdown has none', () => {
    const song = generateArrangement({ genre: 'techno', seed: 3, bars: 8 });
    const breakdown = song.sections!.find((section) => section.name === 'breakdown')!;
    const drums = song.tracks[0]!.notes;
    expect(drums.some((note) => note.startBeat >= breakdown.startBeat - 2 && note.startBeat < breakdown.startBeat + breakdown.lengthBeats)).toBe(false);
  });
});
