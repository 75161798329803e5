import { type AudioBuffer } from '../types';
import { createAudioBuffer } from './audio-buffer';
import { integratedLoudness } from './loudness';
import { limitTruePeak } from './limiter';
import { master } from './master';
import { Xorshift32 } from './prng';
import { truePeakDbtp } from './true-peak';

/** A peaky synthetic mix: kick-like thumps, noisy hats and a bass line, 12 s of stereo. */
function syntheticMix(sampleRate: number): AudioBuffer {
  const out = createAudioBuffer(sampleRate, 2, sampleRate * 12);
  const [l, r] = out.channels;
  const rng = new Xorshift32(7);
  const beat = Math.round(sampleRate * 0.5);
  for (let i = 0; i < l.length; i++) {
    const t = (i % beat) / sampleRate;
    const kick = 0.9 * Math.exp(-t / 0.08) * Math.sin(2 * Math.PI * (50 * t + 20 * (1 - Math.exp(-t / 0.02))));
    const hatT = ((i + beat / 2) % beat) / sampleRate;
    const hat = 0.25 * Math.exp(-hatT / 0.02) * rng.nextSigned();
    const bass = 0.2 * Math.sin((2 * Math.PI * 55 * i) / sampleRate);
    l[i] = kick + bass + hat;
    r[i] = kick + bass - 0.7 * hat;
  }
  return out;
}

describe.each([44100, 48000])('master at %i Hz', (sampleRate) => {
  const mix = syntheticMix(sampleRate);

  it.each([-14, -9, -16])('reaches %i LUFS within 0.5 LU with true peak at or under -1 dBTP', (targetLufs) => {
    const result = master(mix, { targetLufs });
    expect(Math.abs(result.outputLufs - targetLufs)).toBeLessThanOrEqual(0.5);
    expect(result.truePeakDbtp).toBeLessThanOrEqual(-1);
    // The reported figures are real measurements of the returned audio.
    expect(integratedLoudness(result.buffer)).toBeCloseTo(result.outputLufs, 6);
    expect(truePeakDbtp(result.buffer)).toBeCloseTo(result.truePeakDbtp, 6);
    expect(result.inputLufs).toBeCloseTo(integratedLoudness(mix), 6);
  });

  it('honours another ceiling', () => {
    const result = master(mix, { targetLufs: -12, ceilingDbtp: -2 });
    expect(result.truePeakDbtp).toBeLessThanOrEqual(-2);
    expect(Math.abs(result.outputLufs - -12)).toBeLessThanOrEqual(0.5);
  });
});

describe('master edge cases', () => {
  it('turns a quiet mix up without limiting when the peaks allow it', () => {
    const quiet = createAudioBuffer(48000, 2, 48000 * 5);
    for (const ch of quiet.channels) for (let i = 0; i < ch.length; i++) ch[i] = 0.01 * Math.sin((2 * Math.PI * 1000 * i) / 48000);
    const result = master(quiet, { targetLufs: -23 });
    expect(result.outputLufs).toBeCloseTo(-23, 1);
    expect(result.limiterReductionDb).toBeCloseTo(0, 6);
  });

  it('passes silence through untouched', () => {
    const result = master(createAudioBuffer(44100, 2, 44100 * 2));
    expect(result.outputLufs).toBe(-Infinity);
    expect(result.gainDb).toBe(0);
    expect(result.buffer.channels[0].every((v) => v === 0)).toBe(true);
  });
});

describe('true-peak limiter', () => {
  it('never lets the gain exceed what the peak it looks ahead to requires', () => {
    const buffer = createAudioBuffer(44100, 1, 44100);
    buffer.channels[0].fill(0.1);
    buffer.channels[0][20000] = 1; // a lone spike, 20 dB over the bed
    const { buffer: out, maxGainReductionDb } = limitTruePeak(buffer, { ceilingDbtp: -6 });
    expect(Math.abs(out.channels[0][20000])).toBeLessThanOrEqual(Math.pow(10, -6 / 20));
    expect(maxGainReductionDb).toBeLessThan(-5.9);
    // Before the look-ahead window and long after the release, the bed is untouched.
    expect(out.channels[0][10000]).toBeCloseTo(0.1, 6);
    expect(out.channels[0][43000]).toBeCloseTo(0.1, 3);
  });
});
