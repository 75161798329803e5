import { type AudioBuffer } from '../types';
import { compressInPlace, compressorGainDb } from './compressor';
import { gainToDb } from './decibels';
import { mixStems } from './mix';
import { panGains } from './pan';
import { rms, steppedSine } from './test-signals';

const monoStem = (): AudioBuffer => steppedSine(44100, 440, [[1, -6]]);

describe('constant-power pan', () => {
  it('puts a centred source at -3 dB in each channel', () => {
    const { left, right } = panGains(0);
    expect(gainToDb(left)).toBeCloseTo(-3.01, 2);
    expect(gainToDb(right)).toBeCloseTo(-3.01, 2);
    const mix = mixStems({ tone: monoStem() }, { tone: { pan: 0 } });
    expect(gainToDb(rms(mix.channels[0]) / rms(monoStem().channels[0]))).toBeCloseTo(-3.01, 1);
    expect(gainToDb(rms(mix.channels[1]) / rms(monoStem().channels[0]))).toBeCloseTo(-3.01, 1);
  });

  it('hard left puts (nearly) all the energy in the left channel', () => {
    const mix = mixStems({ tone: monoStem() }, { tone: { pan: -1 } });
    const l = rms(mix.channels[0]);
    const r = rms(mix.channels[1]);
    expect(r * r).toBeLessThan(1e-6 * l * l);
    expect(l).toBeCloseTo(rms(monoStem().channels[0]), 3);
  });

  it('keeps total power constant across positions', () => {
    for (const pan of [-1, -0.5, -0.2, 0, 0.3, 0.8, 1]) {
      const { left, right } = panGains(pan);
      expect(left * left + right * right).toBeCloseTo(1, 10);
    }
  });

  it('keeps a centred stereo stem\'s image: a left-only stem stays left-only', () => {
    const stem = monoStem();
    stem.channels[1].fill(0);
    const mix = mixStems({ s: stem });
    expect(rms(mix.channels[1])).toBeLessThan(1e-7);
  });
});

describe('mixStems', () => {
  it('applies gain in dB and sums stems of different lengths', () => {
    const a = steppedSine(48000, 100, [[1, -20]]);
    const b = steppedSine(48000, 100, [[2, -20]]);
    const mix = mixStems({ a, b }, { a: { gainDb: 6 }, b: { mute: true } });
    expect(mix.channels[0]).toHaveLength(96000);
    expect(gainToDb(rms(mix.channels[0], 0, 48000) / rms(a.channels[0]))).toBeCloseTo(6 - 3.01, 1);
    expect(rms(mix.channels[0], 48000)).toBe(0);
  });

  it('refuses stems at different sample rates', () => {
    expect(() => mixStems({ a: steppedSine(44100, 100, [[0.1, -20]]), b: steppedSine(48000, 100, [[0.1, -20]]) })).toThrow(
      expect.objectContaining({ code: 'SAMPLE_RATE_MISMATCH' }),
    );
  });
});

describe('bus compressor', () => {
  it('has the textbook static curve: unity below the knee, 1/ratio above it', () => {
    expect(compressorGainDb(-40, -20, 4, 6)).toBe(0);
    expect(compressorGainDb(0, -20, 4, 6)).toBeCloseTo(-15, 10);
    // In the knee the reduction is smaller than the hard-knee value and larger than zero.
    expect(compressorGainDb(-20, -20, 4, 6)).toBeCloseTo(-0.5625, 10);
  });

  it('brings a loud steady tone down by the static curve once settled, and leaves a quiet one alone', () => {
    const loud = steppedSine(44100, 1000, [[1, 0]]);
    const report = compressInPlace(loud, { thresholdDb: -20, ratio: 4, kneeDb: 0, attackMs: 5, releaseMs: 50, detector: 'rms' });
    const settledDb = gainToDb(rms(loud.channels[0], 22050) * Math.SQRT2);
    // RMS of a 0 dBFS sine is -3 dB: 17 dB over, 4:1 → 12.75 dB of reduction.
    expect(settledDb).toBeCloseTo(-12.75, 0);
    expect(report.maxGainReductionDb).toBeLessThan(-12);

    const quiet = steppedSine(44100, 1000, [[1, -30]]);
    const before = rms(quiet.channels[0]);
    compressInPlace(quiet, { thresholdDb: -20, ratio: 4 });
    expect(rms(quiet.channels[0])).toBeCloseTo(before, 6);
  });

  it('peak detection reacts to a transient that RMS detection averages away', () => {
    const make = () => {
      const b = steppedSine(44100, 1000, [[0.002, 0], [0.3, -40]]);
      return b;
    };
    const peak = compressInPlace(make(), { detector: 'peak', thresholdDb: -10, ratio: 10, attackMs: 0.1 });
    const rmsReport = compressInPlace(make(), { detector: 'rms', thresholdDb: -10, ratio: 10, attackMs: 0.1, rmsWindowMs: 50 });
    expect(peak.maxGainReductionDb).toBeLessThan(rmsReport.maxGainReductionDb - 3);
  });
});
