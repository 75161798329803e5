import { blockLoudness, formatLufs, gatedLoudness, meanSquare, peakDb } from './loudness';

describe('loudness sums', () => {
  it('follows BS.1770: a full-scale signal in both channels is +2.3 LUFS, one channel -0.7', () => {
    expect(blockLoudness([1, 1])).toBeCloseTo(2.319, 3);
    expect(blockLoudness([1, 0])).toBeCloseTo(-0.691, 3);
    expect(blockLoudness([0, 0])).toBe(-Infinity);
  });

  it('gates quiet blocks out of the integrated loudness', () => {
    const loud = 10 ** ((-20 + 0.691) / 10);
    const quiet = 10 ** ((-45 + 0.691) / 10);
    const silence = 10 ** ((-80 + 0.691) / 10);
    // The -45 blocks fall under the relative gate (-30), silence under the absolute one.
    expect(gatedLoudness([loud, loud, quiet, quiet, silence])).toBeCloseTo(-20, 6);
    expect(gatedLoudness([silence])).toBe(-Infinity);
  });

  it('measures the mean square of the newest samples, and peaks in dBFS', () => {
    expect(meanSquare(new Float32Array([9, 9, 0.5, 0.5]), 2)).toBeCloseTo(0.25);
    expect(peakDb(new Float32Array([0.1, -0.5, 0.25]))).toBeCloseTo(-6.02, 2);
    expect(formatLufs(-14.04)).toBe('-14.0 LUFS');
  });
});
