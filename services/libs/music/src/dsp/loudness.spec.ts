import { kWeightingCoefficients, integratedLoudness, measureLoudness } from './loudness';
import { steppedSine } from './test-signals';

describe('K-weighting', () => {
  it('reproduces the coefficients BS.1770-4 publishes for 48 kHz', () => {
    const { shelf, highPass } = kWeightingCoefficients(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 6);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 6);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 6);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 6);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 6);
    expect(highPass.a1).toBeCloseTo(-1.99004745483398, 6);
    expect(highPass.a2).toBeCloseTo(0.99007225036621, 6);
  });

  it('derives different coefficients at 44.1 kHz rather than reusing the 48 kHz table', () => {
    const a = kWeightingCoefficients(44100);
    const b = kWeightingCoefficients(48000);
    expect(Math.abs(a.shelf.a1 - b.shelf.a1)).toBeGreaterThan(1e-3);
  });
});

describe.each([44100, 48000])('integrated loudness at %i Hz (EBU Tech 3341 cases)', (sampleRate) => {
  it('reads a 1 kHz stereo sine at -23 dBFS as -23.0 LUFS', () => {
    expect(integratedLoudness(steppedSine(sampleRate, 1000, [[20, -23]]))).toBeCloseTo(-23, 1);
  });

  it('reads a 1 kHz stereo sine at -33 dBFS as -33.0 LUFS', () => {
    expect(integratedLoudness(steppedSine(sampleRate, 1000, [[20, -33]]))).toBeCloseTo(-33, 1);
  });

  it('reads a 997 Hz full-scale sine on one channel as -3.01 LUFS', () => {
    const signal = steppedSine(sampleRate, 997, [[5, 0]]);
    signal.channels[1].fill(0);
    expect(integratedLoudness(signal)).toBeCloseTo(-3.01, 1);
  });

  it('relative gate: -36/-23/-36 dBFS for 10/60/10 s still reads -23 LUFS', () => {
    const loudness = integratedLoudness(steppedSine(sampleRate, 1000, [[10, -36], [60, -23], [10, -36]]));
    expect(Math.abs(loudness - -23)).toBeLessThanOrEqual(0.1);
  });

  it('absolute gate: -72/-36/-23/-36/-72 dBFS sections still read -23 LUFS', () => {
    const loudness = integratedLoudness(steppedSine(sampleRate, 1000, [[10, -72], [10, -36], [60, -23], [10, -36], [10, -72]]));
    expect(Math.abs(loudness - -23)).toBeLessThanOrEqual(0.1);
  });

  it('a long digital silence is gated out instead of pulling the reading down', () => {
    const loudness = integratedLoudness(steppedSine(sampleRate, 1000, [[20, -23], [40, -Infinity]]));
    expect(Math.abs(loudness - -23)).toBeLessThanOrEqual(0.1);
  });

  it('-26/-20/-26 dBFS for 20/20.1/20 s reads -23 LUFS', () => {
    const loudness = integratedLoudness(steppedSine(sampleRate, 1000, [[20, -26], [20.1, -20], [20, -26]]));
    expect(Math.abs(loudness - -23)).toBeLessThanOrEqual(0.1);
  });
});

describe('momentary, short-term and range', () => {
  it('reports the loudest window and a range that follows the level steps', () => {
    const m = measureLoudness(steppedSine(48000, 1000, [[10, -36], [10, -23], [10, -36]]));
    expect(m.momentaryMaxLufs).toBeCloseTo(-23, 1);
    expect(m.shortTermMaxLufs).toBeCloseTo(-23, 1);
    expect(m.loudnessRangeLu).toBeGreaterThan(10);
    expect(m.loudnessRangeLu).toBeLessThan(14);
  });

  it('silence has no loudness', () => {
    const m = measureLoudness(steppedSine(44100, 1000, [[2, -Infinity]]));
    expect(m.integratedLufs).toBe(-Infinity);
    expect(m.momentaryMaxLufs).toBe(-Infinity);
  });
});
