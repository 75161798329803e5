import { Midi } from '@tonejs/midi';
import type { Song } from '../types';
import { generateArrangement } from '../composition/arrangement';
import { generateBeat, generateMelody } from '../composition/generate';
import { MIDI_PPQ, writeMidi } from './write-midi';
import { variableLength } from './midi-bytes';

describe('variable-length quantities', () => {
  it.each([
    [0, [0x00]],
    [0x40, [0x40]],
    [0x7f, [0x7f]],
    [0x80, [0x81, 0x00]],
    [0x2000, [0xc0, 0x00]],
    [0x3fff, [0xff, 0x7f]],
    [0x4000, [0x81, 0x80, 0x00]],
    [0x0fffffff, [0xff, 0xff, 0xff, 0x7f]],
  ])('encodes %i as the spec does', (value, bytes) => {
    expect(variableLength(value)).toEqual(bytes);
  });

  it('refuses values MIDI cannot carry', () => {
    expect(() => variableLength(-1)).toThrow(RangeError);
    expect(() => variableLength(0x10000000)).toThrow(RangeError);
  });
});

/** The song's notes as tonejs reports them: pitch, tick, length in ticks, velocity 0-127. */
function expectedNotes(song: Song, trackIndex: number) {
  return song.tracks[trackIndex]!.notes
    .map((note) => ({
      midi: note.pitch,
      ticks: Math.round(note.startBeat * MIDI_PPQ),
      durationTicks: Math.max(1, Math.round((note.startBeat + note.durationBeats) * MIDI_PPQ) - Math.round(note.startBeat * MIDI_PPQ)),
      velocity: note.velocity,
    }))
    .sort((a, b) => a.ticks - b.ticks || a.midi - b.midi);
}

function parsedNotes(midi: Midi, trackIndex: number) {
  return midi.tracks[trackIndex]!.notes
    .map((note) => ({ midi: note.midi, ticks: note.ticks, durationTicks: note.durationTicks, velocity: Math.round(note.velocity * 127) }))
    .sort((a, b) => a.ticks - b.ticks || a.midi - b.midi);
}

describe('writeMidi', () => {
  it('writes a type-1 file that reads back with the tempo, metre, tracks and every note', () => {
    const song = generateArrangement({ genre: 'jazz-swing', seed: 12, bars: 4, bpm: 132 });
    const midi = new Midi(writeMidi(song));

    expect(midi.header.ppq).toBe(480);
    expect(midi.header.tempos).toHaveLength(1);
    expect(midi.header.tempos[0]!.bpm).toBeCloseTo(132, 3);
    expect(midi.header.timeSignatures[0]!.timeSignature).toEqual([4, 4]);
    expect(midi.header.meta.filter((event) => event.type === 'marker').map((event) => event.text)).toEqual(song.sections!.map((s) => s.name));

    // The file holds a conductor track and then one per song track; tonejs folds the conductor into its header.
    const bytes = writeMidi(song);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('ascii')).toBe('MThd');
    expect([bytes[8], bytes[9]]).toEqual([0, 1]);
    expect((bytes[10]! << 8) | bytes[11]!).toBe(song.tracks.length + 1);
    expect(midi.header.name).toBe('DAWG AI');
    expect(midi.tracks.map((track) => track.name)).toEqual(['drums', 'bass', 'chords', 'lead']);
    song.tracks.forEach((track, i) => {
      const parsed = midi.tracks[i]!;
      expect(parsed.channel).toBe(track.channel);
      expect(parsed.notes).toHaveLength(track.notes.length);
      expect(parsedNotes(midi, i)).toEqual(expectedNotes(song, i));
    });
    expect(midi.tracks[0]!.channel).toBe(9);
    expect(midi.tracks[0]!.instrument.percussion).toBe(true);
    expect(midi.tracks[1]!.instrument.number).toBe(38);
  });

  it('keeps drum hits, fast rolls included, note for note', () => {
    const song = generateBeat({ genre: 'trap', seed: 3, bars: 16, complexity: 'complex' });
    const midi = new Midi(writeMidi(song));
    expect(parsedNotes(midi, 0)).toEqual(expectedNotes(song, 0));
  });

  it('ends every track at the end of the song', () => {
    const song = generateMelody({ genre: 'ambient', seed: 1, bars: 4 });
    const midi = new Midi(writeMidi(song));
    expect(midi.durationTicks).toBeLessThanOrEqual(song.lengthBeats * 480);
    expect(midi.tracks[0]!.endOfTrackTicks).toBe(song.lengthBeats * 480);
  });

  it('cuts a note short where the same pitch strikes again, so on/off pairs never tangle', () => {
    const song: Song = {
      bpm: 100,
      timeSignature: { numerator: 4, denominator: 4 },
      lengthBeats: 4,
      tracks: [{ name: 'lead', instrument: 'lead', channel: 0, notes: [
        { pitch: 60, startBeat: 0, durationBeats: 2, velocity: 100 },
        { pitch: 60, startBeat: 1, durationBeats: 1, velocity: 90 },
      ] }],
    };
    const notes = new Midi(writeMidi(song)).tracks[0]!.notes;
    expect(notes.map((note) => [note.ticks, note.durationTicks])).toEqual([[0, 480], [480, 480]]);
  });
});
