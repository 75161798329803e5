import { addNoise, synthPhrase, type SungNote } from '../__fixtures__/voice-signals';
import { type PitchFrame, PitchTracker } from '../pitch/tracker';
import { analyzeVibrato, fitVibrato } from './vibrato';

const RATE = 44100;
const trackPhrase = (notes: SungNote[], snrDb?: number): PitchFrame[] => {
  const signal = synthPhrase({ sampleRate: RATE, notes });
  if (snrDb !== undefined) addNoise(signal, snrDb, 99);
  return new PitchTracker({ sampleRate: RATE }).push(signal);
};
const until = (frames: PitchFrame[], seconds: number) => frames.filter((f) => f.timeSeconds <= seconds);

describe('analyzeVibrato', () => {
  it.each([
    [4, 25, 50],
    [5.5, 50, 57],
    [5.5, 80, 72],
    [7, 40, 64],
    [8, 60, 79],
  ])('recovers %d Hz, +-%d cents (MIDI %d) within 10%% from the tracker\'s frames', (rateHz, extentCents, midi) => {
    const frames = trackPhrase([{ startSeconds: 0.1, durationSeconds: 1.6, midi, vibrato: { rateHz, extentCents, phase: 0.7 } }]);
    const result = analyzeVibrato(until(frames, 1.6));
    expect(result.detected).toBe(true);
    expect(Math.abs(result.rateHz / rateHz - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.extentCents / extentCents - 1)).toBeLessThan(0.1);
    expect(result.regularity).toBeGreaterThan(0.9);
  });

  it('still does in 10 dB of white noise', () => {
    const frames = trackPhrase([{ startSeconds: 0.1, durationSeconds: 1.6, midi: 62, vibrato: { rateHz: 5.5, extentCents: 50 } }], 10);
    const result = analyzeVibrato(until(frames, 1.6));
    expect(result.detected).toBe(true);
    expect(Math.abs(result.rateHz / 5.5 - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.extentCents / 50 - 1)).toBeLessThan(0.1);
  });

  it('is not fooled by a note change inside the window: it analyses the latest note', () => {
    // A3 for 0.9 s, then legato up a tone to B3, both with 5.5 Hz +-50 cents vibrato.
    const frames = trackPhrase([
      { startSeconds: 0.1, durationSeconds: 0.9, midi: 57, vibrato: { rateHz: 5.5, extentCents: 50 } },
      { startSeconds: 1.0, durationSeconds: 0.9, midi: 59, vibrato: { rateHz: 5.5, extentCents: 50, phase: 2 }, legato: true },
    ]);
    // The window (1.5 s) holds 0.6 s of A3 and 0.55 s of B3.
    const result = analyzeVibrato(until(frames, 1.55));
    expect(result.detected).toBe(true);
    expect(result.span!.startSeconds).toBeGreaterThan(1.0);
    expect(Math.abs(result.rateHz / 5.5 - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.extentCents / 50 - 1)).toBeLessThan(0.1);
  });

  it('reports no vibrato on a steady note, or on a note too short to tell', () => {
    const steady = analyzeVibrato(trackPhrase([{ startSeconds: 0.1, durationSeconds: 1.2, midi: 60 }]));
    expect(steady.detected).toBe(false);
    expect(steady.extentCents).toBeLessThan(5);
    const short = analyzeVibrato(trackPhrase([{ startSeconds: 0.1, durationSeconds: 0.25, midi: 60, vibrato: { rateHz: 5.5, extentCents: 50 } }]));
    expect(short).toEqual({ detected: false, rateHz: 0, extentCents: 0, regularity: 0, span: null });
    expect(analyzeVibrato([])).toMatchObject({ detected: false, span: null });
  });

  it('fits a sinusoid on a drifting curve sampled unevenly', () => {
    const times: number[] = [];
    const cents: number[] = [];
    for (let t = 0; t < 1; t += 0.0116) {
      if (t > 0.4 && t < 0.45) continue; // a voicing dropout
      times.push(t);
      cents.push(6000 + 30 * t + 40 * Math.sin(2 * Math.PI * 6.2 * t));
    }
    const fit = fitVibrato(times, cents)!;
    expect(fit.rateHz).toBeCloseTo(6.2, 2);
    expect(fit.extentCents).toBeCloseTo(40, 1);
    expect(fit.residualStdCents).toBeLessThan(10);
    expect(fitVibrato([0, 1], [0, 1])).toBeNull();
  });
});
