import { samplePeak } from './audio-buffer';
import { gainToDb } from './decibels';
import { truePeak, truePeakDbtp, truePeakEnvelope } from './true-peak';
import { steppedSine } from './test-signals';

function quarterRateSine(sampleRate: number, amplitude: number, phase: number, seconds = 1) {
  const n = Math.round(sampleRate * seconds);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amplitude * Math.sin((Math.PI / 2) * i + phase);
  return { sampleRate, channels: [x, new Float32Array(x)] };
}

describe.each([44100, 48000])('true peak at %i Hz', (sampleRate) => {
  it('finds the inter-sample peak of an fs/4 sine sampled at 45°: +3 dB over the sample peak', () => {
    const signal = quarterRateSine(sampleRate, 0.5, Math.PI / 4);
    const samplePeakDb = gainToDb(samplePeak(signal));
    expect(samplePeakDb).toBeCloseTo(gainToDb(0.5 * Math.SQRT1_2), 3);
    const tp = truePeakDbtp(signal);
    expect(tp - samplePeakDb).toBeGreaterThan(2.8);
    expect(tp - samplePeakDb).toBeLessThan(3.2);
    expect(Math.abs(tp - gainToDb(0.5))).toBeLessThan(0.2);
  });

  it('is accurate to 0.02 dB at fs/4 once away from the abrupt start and end (which ring, as a real DAC would)', () => {
    const envelope = truePeakEnvelope(quarterRateSine(sampleRate, 0.5, Math.PI / 4));
    const steady = Math.max(...envelope.subarray(100, envelope.length - 100));
    expect(Math.abs(gainToDb(steady) - gainToDb(0.5))).toBeLessThan(0.02);
  });

  it.each([
    ['a quarter', (3 * Math.PI) / 8],
    ['three quarters', Math.PI / 8],
  ])('finds crests that fall %s of the way between samples', (_where, phase) => {
    const signal = quarterRateSine(sampleRate, 0.5, phase);
    expect(gainToDb(samplePeak(signal))).toBeLessThan(gainToDb(0.5) - 0.6);
    expect(Math.abs(truePeakDbtp(signal) - gainToDb(0.5))).toBeLessThan(0.2);
  });

  it('agrees with the sample peak when the samples hit the crests', () => {
    const signal = quarterRateSine(sampleRate, 0.5, 0);
    expect(truePeak(signal)).toBeCloseTo(0.5, 2);
  });

  it('reads a low-frequency sine at its amplitude (EBU 3341 style, ±0.2 dB)', () => {
    const tp = truePeakDbtp(steppedSine(sampleRate, 1000, [[1, -6]]));
    expect(Math.abs(tp - -6)).toBeLessThan(0.2);
  });
});
