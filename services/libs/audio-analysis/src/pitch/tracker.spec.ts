import { RICH, rms, synthPhrase, synthSegments, synthTone } from '../__fixtures__/voice-signals';
import { PitchDetector } from './detector';
import { midiToFrequency } from './notes';
import { type PitchFrame, PitchTracker } from './tracker';

const RATE = 44100;

const track = (signal: Float32Array, tracker: PitchTracker, chunk = 4096): PitchFrame[] => {
  const frames: PitchFrame[] = [];
  for (let offset = 0; offset < signal.length; offset += chunk) frames.push(...tracker.push(signal.subarray(offset, offset + chunk)));
  return frames;
};
const voicedFrames = (frames: PitchFrame[], from: number, to: number) =>
  frames.filter((f) => f.voiced && f.timeSeconds >= from && f.timeSeconds <= to);

describe('PitchTracker', () => {
  const tone = synthTone({ sampleRate: RATE, samples: RATE / 2, frequency: 440, harmonics: RICH, seed: 3 });

  it('gives the same frames whatever the chunk sizes', () => {
    const whole = new PitchTracker({ sampleRate: RATE }).push(tone);
    for (const chunk of [1, 127, 512, 1000, 44100]) {
      expect(track(tone, new PitchTracker({ sampleRate: RATE }), chunk)).toEqual(whole);
    }
  });

  it('emits one frame per hop once a frame is full, stamped at the frame centre', () => {
    const tracker = new PitchTracker({ sampleRate: RATE, hopSize: 256, startTimeSeconds: 10 });
    expect(tracker.push(tone.subarray(0, 2047))).toHaveLength(0);
    const first = tracker.push(tone.subarray(2047, 2048));
    expect(first).toHaveLength(1);
    expect(first[0]!.timeSeconds).toBeCloseTo(10 + 1024 / RATE, 9);
    const more = tracker.push(tone.subarray(2048, 2048 + 1024));
    expect(more.map((f) => f.timeSeconds)).toEqual([1, 2, 3, 4].map((k) => 10 + (1024 + 256 * k) / RATE));
  });

  it('takes Int16 PCM as well as floats', () => {
    const pcm = Int16Array.from(tone, (x) => Math.round(x * 32767));
    const frames = new PitchTracker({ sampleRate: RATE }).push(pcm);
    const floats = new PitchTracker({ sampleRate: RATE }).push(tone);
    expect(frames).toHaveLength(floats.length);
    frames.forEach((f, i) => expect(f.frequency).toBeCloseTo(floats[i]!.frequency, 1));
  });

  it('names the note and measures cents from it, with a configurable A4 and tolerance', () => {
    const sharp = synthTone({ sampleRate: RATE, samples: 8192, frequency: 440 * 2 ** (20 / 1200), harmonics: RICH });
    const frame = new PitchTracker({ sampleRate: RATE }).push(sharp).at(-1)!;
    expect(frame).toMatchObject({ voiced: true, midi: 69, note: 'A4', isInTune: false });
    expect(frame.cents!).toBeCloseTo(20, 0);
    expect(new PitchTracker({ sampleRate: RATE, toleranceCents: 25 }).push(sharp).at(-1)!.isInTune).toBe(true);
    // Against A4 = 444 Hz the same tone (448.4 Hz) is ~+4 cents, in tune.
    const baroque = new PitchTracker({ sampleRate: RATE, a4: 444 }).push(sharp).at(-1)!;
    expect(baroque.cents!).toBeCloseTo(20 - 1200 * Math.log2(444 / 440), 0);
    expect(baroque.isInTune).toBe(true);
  });

  it('reports unvoiced frames with no note, cents or tuning', () => {
    const frames = new PitchTracker({ sampleRate: RATE }).push(new Float32Array(8192));
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) {
      expect(f).toMatchObject({ voiced: false, frequency: 0, midi: null, note: null, cents: null, isInTune: false, targetMidi: null });
    }
  });

  describe('against a target', () => {
    // C4 then D4 then E4, each sung 30 cents flat.
    const melody = [60, 62, 64].map((midi, i) => ({ midi, startSeconds: 0.1 + 0.5 * i, endSeconds: 0.5 + 0.5 * i }));
    const phrase = synthPhrase({
      sampleRate: RATE,
      notes: melody.map((n) => ({ startSeconds: n.startSeconds, durationSeconds: 0.4, midi: n.midi, cents: -30 })),
    });

    it('measures cents against the reference melody note sounding at that time', () => {
      const frames = track(phrase, new PitchTracker({ sampleRate: RATE, target: { kind: 'melody', notes: melody } }));
      for (const n of melody) {
        const inside = voicedFrames(frames, n.startSeconds + 0.06, n.endSeconds - 0.04);
        expect(inside.length).toBeGreaterThan(20);
        for (const f of inside) {
          expect(f.targetMidi).toBe(n.midi);
          expect(f.cents!).toBeGreaterThan(-36);
          expect(f.cents!).toBeLessThan(-24);
          expect(f.isInTune).toBe(false);
        }
      }
      // Between the melody's notes there is no target, and no cents are measured against one.
      const gap = frames.find((f) => f.timeSeconds > 0.53 && f.timeSeconds < 0.57)!;
      expect(gap.targetMidi).toBeNull();
    });

    it('measures cents against a fixed note, however far', () => {
      const frames = track(phrase, new PitchTracker({ sampleRate: RATE, target: { kind: 'note', midi: 60 } }));
      const onD = voicedFrames(frames, 0.7, 0.9);
      expect(onD.length).toBeGreaterThan(10);
      for (const f of onD) expect(f.cents!).toBeCloseTo(170, -1);
    });

    it('measures cents against the nearest degree of a key', () => {
      // 61.4 (C#4 + 40 cents) in C major: the nearest degrees are C4 (60) and D4 (62); D4 is nearer.
      const sung = synthTone({ sampleRate: RATE, samples: 8192, frequency: midiToFrequency(61.4), harmonics: RICH });
      const frame = new PitchTracker({ sampleRate: RATE, target: { kind: 'scale', tonic: 'C', scale: 'major' } }).push(sung).at(-1)!;
      expect(frame).toMatchObject({ midi: 61, note: 'C#4', targetMidi: 62, targetNote: 'D4' });
      expect(frame.cents!).toBeCloseTo(-60, 0);
    });

    it('can change or drop the target mid-take', () => {
      const tracker = new PitchTracker({ sampleRate: RATE, target: { kind: 'note', midi: 69 } });
      expect(tracker.push(tone.subarray(0, 4096)).at(-1)!.targetNote).toBe('A4');
      tracker.setTarget(null);
      expect(tracker.push(tone.subarray(4096, 8192)).at(-1)!.targetNote).toBeNull();
    });
  });

  describe('voicing', () => {
    it('starts only above the level gate but holds a fading note down to the hysteresis floor', () => {
      // RICH at amplitude a has an RMS of about 0.317 a: -59 dBFS RMS is below the -55 dB start, above the -61 dB hold.
      const quietAmplitude = 10 ** (-59 / 20) / 0.317;
      const quiet = synthSegments(RATE, [{ seconds: 0.3, frequency: 300, harmonics: RICH, amplitude: quietAmplitude }]);
      expect(rms(quiet)).toBeCloseTo(10 ** (-59 / 20), 4);
      expect(new PitchTracker({ sampleRate: RATE }).push(quiet).some((f) => f.voiced)).toBe(false);
      const fading = synthSegments(RATE, [
        { seconds: 0.3, frequency: 300, harmonics: RICH, amplitude: 0.05 },
        { seconds: 0.3, frequency: 300, harmonics: RICH, amplitude: quietAmplitude },
      ]);
      const frames = new PitchTracker({ sampleRate: RATE }).push(fading);
      expect(frames.filter((f) => f.timeSeconds > 0.35).length).toBeGreaterThan(15);
      expect(frames.every((f) => f.voiced)).toBe(true);
    });
  });

  describe('octave protection', () => {
    // 80 ms with only even harmonics: the frame really is periodic at half the period, and a
    // per-frame detector reports the octave above. In a held note that is an octave error.
    const EVEN_ONLY = [0, 1, 0, 0.7, 0, 0.3];
    const signal = synthSegments(RATE, [
      { seconds: 0.4, frequency: 196, harmonics: RICH },
      { seconds: 0.08, frequency: 196, harmonics: EVEN_ONLY },
      { seconds: 0.4, frequency: 196, harmonics: RICH },
    ]);

    it('keeps a held note in its octave where the per-frame detector jumps', () => {
      const detector = new PitchDetector({ sampleRate: RATE });
      let detectorOctaveUp = 0;
      for (let offset = 0; offset + 2048 <= signal.length; offset += 512) {
        if (detector.detect(signal.subarray(offset, offset + 2048)).frequency > 300) detectorOctaveUp++;
      }
      expect(detectorOctaveUp).toBeGreaterThan(0);

      const frames = track(signal, new PitchTracker({ sampleRate: RATE }));
      const voiced = frames.filter((f) => f.voiced);
      expect(voiced.length).toBeGreaterThan(60);
      for (const f of voiced) expect(Math.abs(1200 * Math.log2(f.frequency / 196))).toBeLessThan(50);

      const unprotected = track(signal, new PitchTracker({ sampleRate: RATE, octaveProtection: { enabled: false } }));
      expect(unprotected.filter((f) => f.frequency > 300).length).toBeGreaterThan(0);
    });

    it('follows an octave leap that is really sung, within maxConsecutiveCorrections hops', () => {
      const leap = synthSegments(RATE, [
        { seconds: 0.4, frequency: 196, harmonics: RICH },
        { seconds: 0.4, frequency: 392, harmonics: RICH },
      ]);
      const frames = track(leap, new PitchTracker({ sampleRate: RATE }));
      // The leap is at 0.4 s; frames straddle it until 0.4 + 1024/44100 s, then at most 6 hops are held back.
      const after = voicedFrames(frames, 0.4 + 1024 / RATE + (7 * 512) / RATE, 1);
      expect(after.length).toBeGreaterThan(10);
      for (const f of after) expect(Math.abs(1200 * Math.log2(f.frequency / 392))).toBeLessThan(50);
    });
  });

  it('starts again from a clean state after reset', () => {
    const tracker = new PitchTracker({ sampleRate: RATE });
    const first = tracker.push(tone);
    tracker.reset();
    expect(tracker.push(tone)).toEqual(first);
  });

  it('refuses impossible settings', () => {
    expect(() => new PitchTracker({ sampleRate: RATE, hopSize: 4096 })).toThrow(RangeError);
    expect(() => new PitchTracker({ sampleRate: RATE, frameSize: 1000 })).toThrow(RangeError);
    expect(() => new PitchTracker({ sampleRate: RATE, frameSize: 512 })).toThrow(/too short/);
    expect(() => new PitchDetector({ sampleRate: 0 })).toThrow(RangeError);
    expect(() => new PitchDetector({ sampleRate: RATE }).detect(new Float32Array(100))).toThrow(RangeError);
  });
});
