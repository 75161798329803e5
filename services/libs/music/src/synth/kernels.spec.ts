import { biquadMagnitude, lowPassCoefficients } from '../dsp/biquad';
import { fastSine, sawBlep, softClip, squareBlep, velocityToGain } from './kernels';
import { StateVariableFilter, svfCoefficients } from './svf';

describe('synth kernels', () => {
  it('approximates sin(2πp) to within 0.1 %', () => {
    let worst = 0;
    for (let p = 0; p < 1; p += 1 / 997) worst = Math.max(worst, Math.abs(fastSine(p) - Math.sin(2 * Math.PI * p)));
    expect(worst).toBeLessThan(0.002);
  });

  it('keeps band-limited oscillators within [-1, 1] and zero-mean', () => {
    const dt = 440 / 44100;
    let saw = 0;
    let square = 0;
    let peak = 0;
    const n = 44100;
    let p = 0;
    for (let i = 0; i < n; i++) {
      p += dt;
      if (p >= 1) p -= 1;
      const a = sawBlep(p, dt);
      const b = squareBlep(p, dt);
      saw += a;
      square += b;
      peak = Math.max(peak, Math.abs(a), Math.abs(b));
    }
    expect(peak).toBeLessThanOrEqual(1.0001);
    expect(Math.abs(saw / n)).toBeLessThan(0.01);
    expect(Math.abs(square / n)).toBeLessThan(0.01);
  });

  it('saturates softly and stays bounded', () => {
    expect(softClip(0.1)).toBeCloseTo(Math.tanh(0.1), 3);
    expect(softClip(10)).toBe(1);
    expect(softClip(-10)).toBe(-1);
  });

  it('maps velocity monotonically onto amplitude, full velocity to unity', () => {
    expect(velocityToGain(127)).toBe(1);
    expect(velocityToGain(0)).toBe(0);
    expect(velocityToGain(64)).toBeLessThan(velocityToGain(100));
  });
});

describe('state-variable filter', () => {
  /** Steady-state gain of the low-pass output for a sine at `hz`. */
  function lowPassGain(cutoff: number, hz: number, sampleRate = 48000): number {
    const filter = new StateVariableFilter(svfCoefficients(cutoff, Math.SQRT1_2, sampleRate));
    let peak = 0;
    for (let i = 0; i < sampleRate / 2; i++) {
      const y = filter.process(Math.sin((2 * Math.PI * hz * i) / sampleRate));
      if (i > sampleRate / 4) peak = Math.max(peak, Math.abs(y));
    }
    return peak;
  }

  it('passes the band below the cutoff and is -3 dB at it, like the equivalent biquad', () => {
    expect(lowPassGain(1000, 100)).toBeCloseTo(1, 2);
    expect(lowPassGain(1000, 1000)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(lowPassGain(1000, 8000)).toBeCloseTo(biquadMagnitude(lowPassCoefficients(48000, 1000), 48000, 8000), 2);
  });
});
