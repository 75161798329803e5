import {
  centsBetween,
  describeFrequency,
  frequencyToMidi,
  midiToFrequency,
  midiToNoteName,
  noteNameToMidi,
  parsePitchClass,
} from './notes';
import { int16ToFloat32, pcm16leToFloat32 } from './pcm';
import { TargetResolver } from './targets';

describe('note arithmetic', () => {
  it('maps A4 to MIDI 69 and 440 Hz, middle C to 60, and back', () => {
    expect(frequencyToMidi(440)).toBe(69);
    expect(midiToFrequency(60)).toBeCloseTo(261.6256, 3);
    expect(frequencyToMidi(midiToFrequency(57.3))).toBeCloseTo(57.3, 10);
    expect(frequencyToMidi(442, 442)).toBe(69);
  });

  it('names notes with sharps and octave numbers, and parses names back', () => {
    expect(['A4', 'C4', 'C#5', 'B3', 'C-1', 'G9'].map(noteNameToMidi)).toEqual([69, 60, 73, 59, 0, 127]);
    expect([69, 60, 73, 59, 0, 127, 70].map(midiToNoteName)).toEqual(['A4', 'C4', 'C#5', 'B3', 'C-1', 'G9', 'A#4']);
    expect(noteNameToMidi('Bb3')).toBe(58);
    expect(noteNameToMidi('cb4')).toBe(59);
    expect(() => noteNameToMidi('H2')).toThrow(RangeError);
    expect(parsePitchClass('F#')).toBe(6);
    expect(parsePitchClass('Db')).toBe(1);
    expect(parsePitchClass(-1)).toBe(11);
  });

  it('measures cents from the nearest note (-50..+50) or from a target', () => {
    expect(centsBetween(880, 440)).toBeCloseTo(1200, 10);
    const sharp = describeFrequency(440 * 2 ** (20 / 1200));
    expect(sharp).toMatchObject({ midi: 69, note: 'A4', isInTune: false });
    expect(sharp.cents).toBeCloseTo(20, 10);
    const quarterToneUp = describeFrequency(440 * 2 ** (49 / 1200));
    expect(quarterToneUp.cents).toBeCloseTo(49, 10);
    expect(describeFrequency(440 * 2 ** (51 / 1200))).toMatchObject({ midi: 70, note: 'A#4' });
    expect(describeFrequency(440 * 2 ** (14 / 1200)).isInTune).toBe(true);
    expect(describeFrequency(440 * 2 ** (14 / 1200), { toleranceCents: 10 }).isInTune).toBe(false);
    expect(describeFrequency(440, { targetMidi: 67 }).cents).toBeCloseTo(200, 10);
  });
});

describe('PCM conversion', () => {
  it('scales Int16 to [-1, 1)', () => {
    expect(Array.from(int16ToFloat32(Int16Array.from([0, 16384, -32768, 32767])))).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('reads little-endian bytes at any offset, ignoring a trailing odd byte', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x40, 0x00, 0x80, 0xff, 0xff, 0x01]);
    // From offset 1: 0x4000 (16384), 0x8000 (-32768), 0xffff (-1), then a lone 0x01.
    expect(Array.from(pcm16leToFloat32(bytes.subarray(1)))).toEqual([0.5, -1, -1 / 32768]);
  });
});

describe('TargetResolver', () => {
  it('finds the melody note sounding at a time, and none between notes', () => {
    const target = new TargetResolver({
      kind: 'melody',
      notes: [
        { midi: 64, startSeconds: 1, endSeconds: 1.5 },
        { midi: 60, startSeconds: 0, endSeconds: 0.5 },
      ],
    });
    expect([0, 0.49, 0.5, 0.9, 1, 1.2, 2].map((t) => target.resolve(t, null))).toEqual([60, 60, null, null, 64, 64, null]);
    // Out of order lookups still work.
    expect(target.resolve(0.1, null)).toBe(60);
  });

  it('snaps to the nearest degree of a scale, given the sung pitch', () => {
    const aMinor = new TargetResolver({ kind: 'scale', tonic: 'A', scale: 'minor' });
    expect(aMinor.resolve(0, 68.4)).toBe(69); // G#4 + 40 cents: A4 is nearer than G4
    expect(aMinor.resolve(0, 67.6)).toBe(67);
    expect(aMinor.resolve(0, null)).toBeNull();
    const custom = new TargetResolver({ kind: 'scale', tonic: 0, scale: [0, 7] });
    expect(custom.resolve(0, 63)).toBe(60);
  });

  it('refuses targets that cannot be resolved', () => {
    expect(() => new TargetResolver({ kind: 'melody', notes: [{ midi: 60, startSeconds: 1, endSeconds: 1 }] })).toThrow(RangeError);
    expect(() => new TargetResolver({ kind: 'scale', tonic: 'H', scale: 'major' })).toThrow(RangeError);
  });
});
