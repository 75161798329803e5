import { writeMidi } from '@dawg/music';
import { MidiParseError, readMidi } from './midi-file';

describe('reading MIDI files', () => {
  it('reads back what @dawg/music writes: notes in beats, tempo, time signature, track names', () => {
    const bytes = writeMidi({
      bpm: 96,
      timeSignature: { numerator: 3, denominator: 4 },
      lengthBeats: 6,
      tracks: [
        { name: 'bass', instrument: 'bass', channel: 1, notes: [{ pitch: 36, startBeat: 0, durationBeats: 1.5, velocity: 100 }, { pitch: 43, startBeat: 3, durationBeats: 0.5, velocity: 80 }] },
        { name: 'lead', instrument: 'lead', channel: 2, notes: [{ pitch: 72, startBeat: 0.25, durationBeats: 0.25, velocity: 64 }] },
      ],
    });
    const midi = readMidi(bytes);
    expect(midi.bpm).toBeCloseTo(96, 3);
    expect(midi.timeSignature).toEqual({ numerator: 3, denominator: 4 });
    expect(midi.tracks.map((t) => t.name)).toEqual(['bass', 'lead']);
    expect(midi.tracks[0]!.notes).toEqual([
      { pitch: 36, startBeat: 0, lengthBeats: 1.5, velocity: 100 },
      { pitch: 43, startBeat: 3, lengthBeats: 0.5, velocity: 80 },
    ]);
    expect(midi.tracks[1]!.notes).toEqual([{ pitch: 72, startBeat: 0.25, lengthBeats: 0.25, velocity: 64 }]);
  });

  it('refuses what is not a MIDI file', () => {
    expect(() => readMidi(Uint8Array.from('RIFF....WAVEfmt ', (c) => c.charCodeAt(0)))).toThrow(MidiParseError);
  });
});
